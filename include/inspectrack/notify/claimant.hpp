#pragma once
// Who delivers a reminder: this process as /proc tells it apart from every other
// process, before and after a reboot (model::Claimant), and whether another claimant
// still runs. The facts come from the files under `proc` (the real /proc by default,
// a folder of the same shape in tests).

#include <cstdint>
#include <optional>
#include <string>

#include "inspectrack/model/reminder.hpp"

namespace inspectrack::notify {

inline constexpr const char* kProc = "/proc";

// This process: the host name (spaces and control characters as '_'), the pid, the
// start time from PROC/self/stat and the boot id from PROC/sys/kernel/random/boot_id.
// Without them (no /proc) the start time is 0 and the boot id empty, and no claimant
// is then ever seen running (model::is_running).
model::Claimant this_process(const std::string& proc = kProc);

// The start time (field 22 of PROC/PID/stat, clock ticks after boot) of the process
// `pid`; nullopt when there is none, or it has ended and waits to be reaped (state Z
// or X), or the file cannot be read or parsed.
std::optional<std::uint64_t> process_start_time(std::int64_t pid, const std::string& proc = kProc);

// model::is_running(claimant, here, …) with process_start_time() on `proc`.
bool is_running(const model::Claimant& claimant, const model::Claimant& here,
                const std::string& proc = kProc);

}  // namespace inspectrack::notify
