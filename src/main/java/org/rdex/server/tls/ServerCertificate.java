package org.rdex.server.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.rdex.server.common.IpRange;
import org.rdex.server.common.Secrets;

/**
 * The HTTPS certificate: the operator's PEM files when configured, else a self-signed certificate
 * generated once (Bouncy Castle, ECDSA P-256, ten years) into {@code <data dir>/tls}. Partners pin its
 * SHA-256 fingerprint, which is why it is kept across restarts rather than regenerated.
 */
public final class ServerCertificate {

    public static final String CERT_FILE = "server.crt";
    public static final String KEY_FILE = "server.key";

    /** The PEM files to serve. */
    public record CertificateFiles(Path cert, Path key, boolean generated) {
    }

    private ServerCertificate() {
    }

    /**
     * The configured pair, or the generated one in {@code tlsDir} (created when missing).
     * Exactly one of cert/key configured is an error: serving the wrong key would fail later and worse.
     */
    public static synchronized CertificateFiles ensure(String configuredCert, String configuredKey, Path tlsDir, List<String> hostnames) {
        boolean hasCert = configuredCert != null && !configuredCert.isBlank();
        boolean hasKey = configuredKey != null && !configuredKey.isBlank();
        if (hasCert != hasKey) {
            throw new IllegalStateException("Set both rdex.tls.cert and rdex.tls.key, or neither (a self-signed certificate is then generated)");
        }
        if (hasCert) {
            return new CertificateFiles(Path.of(configuredCert.trim()), Path.of(configuredKey.trim()), false);
        }
        Path cert = tlsDir.resolve(CERT_FILE);
        Path key = tlsDir.resolve(KEY_FILE);
        if (!java.nio.file.Files.isRegularFile(cert) || !java.nio.file.Files.isRegularFile(key)) {
            generate(tlsDir, cert, key, hostnames);
        }
        return new CertificateFiles(cert, key, true);
    }

    /** SHA-256 of the DER certificate, {@code AB:CD:...} (the form {@code openssl x509 -fingerprint -sha256} prints). */
    public static String fingerprint(Path certPem) {
        try (var in = java.nio.file.Files.newInputStream(certPem)) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return fingerprint(cert.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + certPem, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Not a PEM certificate: " + certPem, e);
        }
    }

    public static String fingerprint(byte[] der) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(Secrets.sha256(der));
    }

    /** Lower-case hex without separators: how fingerprints are compared, whatever form an operator typed. */
    public static String normalizeFingerprint(String fingerprint) {
        return fingerprint == null ? "" : fingerprint.replaceAll("[^0-9A-Fa-f]", "").toLowerCase(Locale.ROOT);
    }

    private static void generate(Path dir, Path certFile, Path keyFile, List<String> hostnames) {
        try {
            java.nio.file.Files.createDirectories(dir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
            hostnames.stream().map(String::trim).filter(h -> !h.isEmpty()).forEach(names::add);
            List<GeneralName> alt = new ArrayList<>();
            for (String name : names) {
                alt.add(IpRange.literal(name).isPresent() ? new GeneralName(GeneralName.iPAddress, name)
                        : new GeneralName(GeneralName.dNSName, name));
            }
            String cn = names.stream().filter(n -> IpRange.literal(n).isEmpty()).reduce((a, b) -> b).orElse("localhost");
            X500Name subject = new X500Name("CN=" + cn.replaceAll("[,=+<>#;\"\\\\]", "") + ",O=RDEX server");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))),
                    subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alt.toArray(GeneralName[]::new)));
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));

            Path keyTmp = java.nio.file.Files.createTempFile(dir, "key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            java.nio.file.Files.writeString(keyTmp, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
            Path certTmp = java.nio.file.Files.createTempFile(dir, "crt", ".tmp");
            java.nio.file.Files.writeString(certTmp, pem("CERTIFICATE", holder.getEncoded()), StandardCharsets.US_ASCII);
            // Key first: a reader that sees the certificate always finds its key.
            java.nio.file.Files.move(keyTmp, keyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            java.nio.file.Files.move(certTmp, certFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.err.println("Generated a self-signed TLS certificate in " + certFile
                    + "; SHA-256 fingerprint (give it to partners to pin): " + fingerprint(holder.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the TLS certificate in " + dir, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot generate a TLS certificate", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static X509Certificate parse(byte[] pem) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
    }
}
