// CRC-32 (IEEE 802.3, the zlib/PNG polynomial), for model-file checksums.
#pragma once

#include <cstddef>
#include <cstdint>

namespace cnn {

uint32_t crc32(const uint8_t* data, size_t size, uint32_t crc = 0);

}  // namespace cnn
