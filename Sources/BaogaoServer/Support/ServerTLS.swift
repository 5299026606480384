import Foundation
import NIOSSL

/// HTTPS for `baogao serve --tls-cert PEM --tls-key PEM`: the certificate chain and its key,
/// read and checked at start, each problem naming its file.
///
/// ```swift
/// settings.tls = try ServerTLS.configuration(certificate: "/etc/baogao/cert.pem", key: "/etc/baogao/key.pem")
/// ```
public enum ServerTLS {
    public static func configuration(certificate: String, key: String) throws(BaogaoServerError) -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        do { chain = try NIOSSLCertificate.fromPEMFile(certificate) } catch {
            throw BaogaoServerError("cannot read the certificate \(certificate): \(Self.reason(error, file: certificate)) (expected PEM, -----BEGIN CERTIFICATE-----)")
        }
        guard !chain.isEmpty else {
            throw BaogaoServerError("the certificate file \(certificate) holds no certificate (expected PEM, -----BEGIN CERTIFICATE-----)")
        }
        let privateKey: NIOSSLPrivateKey
        do { privateKey = try NIOSSLPrivateKey(file: key, format: .pem) } catch {
            throw BaogaoServerError("cannot read the private key \(key): \(Self.reason(error, file: key)) (expected an unencrypted PEM key)")
        }
        let configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) },
                                                                     privateKey: .privateKey(privateKey))
        do { _ = try NIOSSLContext(configuration: configuration) } catch {
            throw BaogaoServerError("the key \(key) does not fit the certificate \(certificate): \(error)")
        }
        return configuration
    }

    private static func reason(_ error: any Error, file: String) -> String {
        FileManager.default.isReadableFile(atPath: file) ? "not a PEM file or damaged" : "missing or unreadable"
    }
}
