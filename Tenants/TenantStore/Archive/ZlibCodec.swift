import CZlib
import Foundation

/// zlib (RFC 1950) compression with an optional preset dictionary.
///
/// Webhook bodies are small JSON documents that repeat the same keys: alone they compress
/// about 3.5x, but with a dictionary of a typical document of the topic zlib can refer back
/// into it from the first byte. The zlib header records the dictionary's Adler-32, so
/// inflating with the wrong dictionary fails instead of producing garbage.
enum ZlibCodec {
    static func compress(_ input: Data, level: Int32 = 6, dictionary: [UInt8]? = nil) throws -> Data {
        var stream = z_stream()
        var status = deflateInit2_(&stream, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
                                   ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw failure("deflateInit2", status, code: .compressionFailed) }
        defer { deflateEnd(&stream) }
        if let dictionary {
            status = dictionary.withUnsafeBufferPointer {
                deflateSetDictionary(&stream, $0.baseAddress, uInt($0.count))
            }
            guard status == Z_OK else { throw failure("deflateSetDictionary", status, code: .compressionFailed) }
        }
        let capacity = Int(deflateBound(&stream, uLong(input.count)))
        var output = Data(count: capacity)
        let produced: Int = try input.withUnsafeBytes { inputBytes in
            try output.withUnsafeMutableBytes { outputBytes in
                stream.next_in = UnsafeMutablePointer(mutating: inputBytes.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(inputBytes.count)
                stream.next_out = outputBytes.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(outputBytes.count)
                let result = deflate(&stream, Z_FINISH)
                guard result == Z_STREAM_END else { throw failure("deflate", result, code: .compressionFailed) }
                return Int(stream.total_out)
            }
        }
        output.count = produced
        return output
    }

    /// Inflates `input`, which must expand to exactly `expectedSize` bytes.
    static func decompress(_ input: Data, expectedSize: Int, dictionary: [UInt8]? = nil) throws -> Data {
        var stream = z_stream()
        let status = inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw failure("inflateInit", status) }
        defer { inflateEnd(&stream) }
        // One spare byte lets us notice a stream longer than the recorded size.
        var output = Data(count: expectedSize + 1)
        let produced: Int = try input.withUnsafeBytes { inputBytes in
            try output.withUnsafeMutableBytes { outputBytes in
                stream.next_in = UnsafeMutablePointer(mutating: inputBytes.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(inputBytes.count)
                stream.next_out = outputBytes.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(outputBytes.count)
                var result = inflate(&stream, Z_FINISH)
                if result == Z_NEED_DICT {
                    guard let dictionary else { throw failure("inflate (stream needs a dictionary)", result) }
                    let set = dictionary.withUnsafeBufferPointer {
                        inflateSetDictionary(&stream, $0.baseAddress, uInt($0.count))
                    }
                    guard set == Z_OK else { throw failure("inflateSetDictionary (wrong dictionary)", set) }
                    result = inflate(&stream, Z_FINISH)
                }
                guard result == Z_STREAM_END else { throw failure("inflate", result) }
                return Int(stream.total_out)
            }
        }
        guard produced == expectedSize else {
            throw TenantStoreError(.payloadCorrupt, "payload inflated to \(produced) bytes, expected \(expectedSize)")
        }
        output.count = produced
        return output
    }

    private static func failure(_ operation: String, _ status: Int32, code: TenantStoreError.Code = .payloadCorrupt) -> TenantStoreError {
        TenantStoreError(code, "zlib \(operation) failed with status \(status)")
    }
}
