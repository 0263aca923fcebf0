/// A short, stable fingerprint of the fields of a record, for the ledger's `bodyHash`.
///
/// The ledger only compares fingerprints for equality to skip unchanged versions; nothing
/// here is secret, so a fast non-cryptographic hash (two independent 64-bit FNV-1a runs,
/// 128 bits in all) is enough and keeps this module free of a crypto dependency. Each field
/// is length-prefixed and absent fields are marked, so `["ab", nil]` and `["a", "b"]` differ.
public enum BodyFingerprint {
    /// The fingerprint of the fields, in order: 32 lowercase hex digits.
    public static func of(_ fields: [String?]) -> String {
        var bytes: [UInt8] = []
        for field in fields {
            if let field {
                let utf8 = Array(field.utf8)
                bytes += Array("\(utf8.count):".utf8) + utf8
            } else {
                bytes += Array("-".utf8)
            }
            bytes.append(0x1F)
        }
        let first = fnv1a(bytes, basis: 0xcbf2_9ce4_8422_2325)
        let second = fnv1a(bytes.reversed(), basis: 0x8422_2325_cbf2_9ce4)
        return hex(first) + hex(second)
    }

    private static func fnv1a(_ bytes: some Sequence<UInt8>, basis: UInt64) -> UInt64 {
        var hash = basis
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    private static func hex(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
