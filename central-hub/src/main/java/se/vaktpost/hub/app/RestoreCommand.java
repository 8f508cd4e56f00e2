package se.vaktpost.hub.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import se.vaktpost.hub.backup.BackupCipher;
import se.vaktpost.hub.backup.Backups;

/** {@code central-hub restore FILE --db DB}: puts a checked backup in place of a stopped hub's database. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore a backup as the hub's database; refused while a hub runs on it. The replaced database "
                + "is kept as <db>.before-restore.")
final class RestoreCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The backup (hub-....db or hub-....db.cms).")
    Path backup;

    @Option(names = "--db", required = true, description = "The database to restore into (the hub's --db).")
    Path db;

    @Option(names = "--key", paramLabel = "FILE", description = "The key file the backup was encrypted with.")
    Path key;

    @Override
    public Integer call() throws Exception {
        Optional<BackupCipher> cipher = key == null ? Optional.empty() : Optional.of(BackupCipher.fromKeyFile(key));
        System.err.println("checking and restoring " + backup + " ...");
        Backups.Result r = new Backups(Clock.systemUTC()).restore(backup, db, cipher);
        System.out.printf("restored %s: %,d events; start the hub again (systemctl start vaktpost-hub)%n", r.file(), r.events());
        return 0;
    }
}
