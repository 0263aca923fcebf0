#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging

/// Each open tenant database holds three descriptors (database, -wal, -shm); a service
/// manager's usual soft limit of 1,024 runs out at a few hundred tenants. The hard limit is
/// usually far higher, and raising the soft limit up to it needs no privilege.
enum FileDescriptorLimit {
    static func raiseSoftLimit(logger: Logger) {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        let previous = limit.rlim_cur
        limit.rlim_cur = limit.rlim_max
        if setrlimit(resource, &limit) == 0 {
            logger.debug("raised the open file limit", metadata: ["from": "\(previous)", "to": "\(limit.rlim_max)"])
        } else {
            logger.warning("could not raise the open file limit", metadata: ["limit": "\(previous)"])
        }
    }

    #if canImport(Glibc)
    private static let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
    private static let resource = RLIMIT_NOFILE
    #endif
}
