#include "io/file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <sys/stat.h>
#include <unistd.h>

namespace cnn {

Expected<std::vector<uint8_t>> read_file(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return make_error(path + ": is a folder, not a file");
    if (!S_ISREG(st.st_mode)) return make_error(path + ": is a device or a pipe, not a file");
    if (S_ISREG(st.st_mode) && int64_t(st.st_size) > kMaxReadBytes)
      return make_error(path + ": " + std::to_string(int64_t(st.st_size) >> 20) + " MB, larger than the " +
                        std::to_string(kMaxReadBytes >> 20) + " MB a model or a dataset can be");
  }
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return make_error(path + ": cannot open (" + std::strerror(errno) + ")");
  std::vector<uint8_t> bytes;
  uint8_t chunk[1 << 16];
  size_t got;
  bool too_big = false;
  while ((got = std::fread(chunk, 1, sizeof chunk, f)) > 0) {
    if (int64_t(bytes.size() + got) > kMaxReadBytes) {  // a device or a pipe without a size
      too_big = true;
      break;
    }
    bytes.insert(bytes.end(), chunk, chunk + got);
  }
  const bool failed = std::ferror(f);
  const int error = errno;
  std::fclose(f);
  if (too_big) return make_error(path + ": more than " + std::to_string(kMaxReadBytes >> 20) + " MB, larger than a model or a dataset can be");
  if (failed) return make_error(path + ": read error (" + std::strerror(error) + ")");
  return bytes;
}

Status write_file(const std::string& path, const std::vector<uint8_t>& bytes) {
  // Write beside the target and rename, so an interrupted save never leaves half a file.
  const std::string tmp = path + ".partial";
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return make_error(path + ": cannot write (" + std::strerror(errno) + ")");
  const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size() && std::fflush(f) == 0 &&
                  ::fsync(::fileno(f)) == 0;
  const bool closed = std::fclose(f) == 0;
  if (!ok || !closed) {
    std::remove(tmp.c_str());
    return make_error(path + ": write failed (disk full?)");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return make_error(path + ": cannot replace (" + std::strerror(errno) + ")");
  }
  return ok_status();
}

Status check_writable(const std::string& path) {
  const std::string probe = path + ".partial";
  FILE* f = std::fopen(probe.c_str(), "wb");
  if (!f) return make_error(path + ": cannot write (" + std::strerror(errno) + ")");
  std::fclose(f);
  std::remove(probe.c_str());
  return ok_status();
}

}  // namespace cnn
