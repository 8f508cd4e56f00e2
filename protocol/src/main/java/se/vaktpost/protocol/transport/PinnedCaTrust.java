package se.vaktpost.protocol.transport;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.CertPathTrustManagerParameters;
import java.security.cert.CertificateException;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.Date;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts the broker's certificate when the pinned project CA signed it for the name the client
 * connects to, as the JDK's own check does, but without reading this device's wall clock: a
 * Raspberry Pi boots with a clock hours or decades off until NTP answers, and a lockdown must not
 * wait for it. Validity dates are judged at the certificate's own start, so "not yet valid" and
 * "expired" never decide; the signature chain to the one CA this client trusts and the host name
 * do. (Replacing a compromised broker key means a new CA and provisioning again.)
 */
final class PinnedCaTrust extends X509ExtendedTrustManager {
    private final KeyStore trusted;
    private final X509Certificate[] issuers;

    PinnedCaTrust(KeyStore trusted, X509Certificate[] issuers) {
        this.trusted = trusted;
        this.issuers = issuers.clone();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        judgedAtIssue(chain).checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        judgedAtIssue(chain).checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        judgedAtIssue(chain).checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a client of the contract never accepts incoming TLS");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a client of the contract never accepts incoming TLS");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client of the contract never accepts incoming TLS");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return issuers.clone();
    }

    /** The JDK's PKIX check (chain, key usage, host name), at a moment inside the server certificate's validity. */
    private X509ExtendedTrustManager judgedAtIssue(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the broker sent no certificate");
        }
        try {
            PKIXBuilderParameters p = new PKIXBuilderParameters(trusted, new X509CertSelector());
            p.setRevocationEnabled(false);
            p.setDate(new Date(chain[0].getNotBefore().getTime() + 60_000));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(new CertPathTrustManagerParameters(p));
            return (X509ExtendedTrustManager) tmf.getTrustManagers()[0];
        } catch (GeneralSecurityException e) {
            throw new CertificateException("cannot check the broker's certificate: " + e.getMessage(), e);
        }
    }
}
