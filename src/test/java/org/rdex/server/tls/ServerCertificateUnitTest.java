package org.rdex.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCertificateUnitTest {

    @TempDir
    Path dir;

    @Test
    void generates_a_self_signed_pair_once_and_keeps_its_fingerprint() throws Exception {
        ServerCertificate.CertificateFiles first = ServerCertificate.ensure(null, null, dir, List.of("rdex.example.org"));
        assertTrue(first.generated());
        String fingerprint = ServerCertificate.fingerprint(first.cert());
        assertTrue(fingerprint.matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), fingerprint);

        ServerCertificate.CertificateFiles again = ServerCertificate.ensure(null, null, dir, List.of("other.example.org"));
        assertEquals(fingerprint, ServerCertificate.fingerprint(again.cert()));

        X509Certificate cert = ServerCertificate.parse(Files.readAllBytes(first.cert()));
        assertTrue(cert.getSubjectAlternativeNames().stream().anyMatch(n -> n.get(1).equals("rdex.example.org")));
        cert.verify(cert.getPublicKey());
        String pem = Files.readString(first.key()).replaceAll("-----[A-Z ]+-----|\\s", "");
        KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        assertFalse(Files.getPosixFilePermissions(first.key()).contains(PosixFilePermission.OTHERS_READ));
    }

    @Test
    void uses_configured_files_as_they_are_and_refuses_half_a_pair() {
        ServerCertificate.CertificateFiles configured = ServerCertificate.ensure("/etc/c.pem", "/etc/k.pem", dir, List.of());
        assertEquals(Path.of("/etc/c.pem"), configured.cert());
        assertFalse(configured.generated());
        assertFalse(Files.exists(dir.resolve(ServerCertificate.CERT_FILE)));
        assertThrows(IllegalStateException.class, () -> ServerCertificate.ensure("/etc/c.pem", null, dir, List.of()));
    }

    @Test
    void normalizes_fingerprints_for_comparison() {
        assertEquals("abcd01", ServerCertificate.normalizeFingerprint("AB:CD:01"));
        assertEquals("abcd01", ServerCertificate.normalizeFingerprint(" abcd01 "));
    }
}
