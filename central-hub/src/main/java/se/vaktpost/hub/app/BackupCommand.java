package se.vaktpost.hub.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.vaktpost.hub.backup.BackupCipher;
import se.vaktpost.hub.backup.Backups;

/** {@code central-hub backup}: an online, consistent (and encrypted, with a key) backup of a hub's database. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Back up a hub's database while the hub runs (encrypted with --key), or make a key with --new-key.")
final class BackupCommand implements Callable<Integer> {
    @Option(names = "--db", defaultValue = "data/hub.db", description = "The hub's database (default: ${DEFAULT-VALUE}).")
    Path db;

    @Option(names = "--out", description = "Backup file, or a folder: then a dated file hub-<UTC time>.db[.cms] is made in it.")
    Path out;

    @Option(names = "--key", paramLabel = "FILE", description = "Encrypt with this key file (AES-256-GCM, CMS). Keep a copy "
            + "of the key away from the backups: without it they cannot be restored.")
    Path key;

    @Option(names = "--keep", defaultValue = "0", description = "With a folder as --out: keep the newest N backups there, "
            + "remove older ones (default: ${DEFAULT-VALUE} = keep all).")
    int keep;

    @Option(names = "--new-key", paramLabel = "FILE", description = "Write a new random key file (mode 600) and stop.")
    Path newKey;

    @Override
    public Integer call() throws Exception {
        if (newKey != null) {
            BackupCipher.newKeyFile(newKey);
            System.out.println("wrote a new backup key to " + newKey + "; keep a copy of it somewhere safe, apart from the backups");
            return 0;
        }
        if (out == null) {
            throw new IllegalArgumentException("give --out FILE or --out FOLDER for the backup");
        }
        Optional<BackupCipher> cipher = key == null ? Optional.empty() : Optional.of(BackupCipher.fromKeyFile(key));
        System.err.println("backing up " + db + " ...");
        Backups.Result r = new Backups(Clock.systemUTC()).backup(db, out, cipher, keep);
        System.out.printf("backup %s: %,d bytes, %,d events, %s%n", r.file(), r.bytes(), r.events(),
                r.encrypted() ? "encrypted" : "NOT encrypted (give --key FILE to encrypt)");
        return 0;
    }
}
