package io.cacheweaver.it.redis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway CA and a server certificate for 127.0.0.1 made with {@code openssl} at test time,
 * plus a PKCS12 trust store holding the CA: what an operator hands the JVM with
 * {@code -Djavax.net.ssl.trustStore}. Nothing is checked in, nothing outlives the test's
 * temporary directory.
 */
record TestCertificates(Path ca, Path serverCert, Path serverKey, Path trustStore) {
    static final String TRUST_STORE_PASSWORD = "changeit";

    /** Made in {@code dir}; the test is skipped (with the reason) when openssl is missing or fails. */
    static TestCertificates create(Path dir) throws Exception {
        Path ca = dir.resolve("ca.pem");
        Path caKey = dir.resolve("ca.key");
        Path csr = dir.resolve("server.csr");
        Path cert = dir.resolve("server.pem");
        Path key = dir.resolve("server.key");
        Path ext = Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.toString(), "-out", ca.toString(),
                "-days", "1", "-subj", "/CN=cacheweaver test CA");
        openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", csr.toString(),
                "-subj", "/CN=127.0.0.1");
        openssl(dir, "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-out", cert.toString(), "-days", "1", "-extfile", ext.toString());
        Path trustStore = dir.resolve("truststore.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(ca)) {
            Certificate caCert = CertificateFactory.getInstance("X.509").generateCertificate(in);
            store.setCertificateEntry("cacheweaver-test-ca", caCert);
        }
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            store.store(out, TRUST_STORE_PASSWORD.toCharArray());
        }
        return new TestCertificates(ca, cert, key, trustStore);
    }

    /** The JVM options that make a child JVM trust the CA, the standard JSSE way. */
    List<String> trustOptions() {
        return List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-Djavax.net.ssl.trustStorePassword=" + TRUST_STORE_PASSWORD);
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "openssl is not installed (apt-get install openssl): cannot make test certificates");
            throw e;
        }
        byte[] output = process.getInputStream().readAllBytes();
        assumeTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0,
                "openssl " + args[0] + " failed: " + new String(output));
    }
}
