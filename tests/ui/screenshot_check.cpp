// screenshot_check: is a native window's --screenshot a drawn frame of the expected view?
//
//   screenshot_check FILE WIDTH HEIGHT [CLASS MIN_FRACTION]...
//
// The ui.native_window_* tests (ui/CMakeLists.txt, tests/ui/native_window_test.cmake) run it on
// the PNG the window wrote. Always checked, whatever the view:
//   - the size is WIDTH x HEIGHT;
//   - not blank: at least 64 distinct colours, and no one colour covers 90% of the frame;
//   - the app's frame: light text (buttons, tabs) in the top bar, at least 300 pixels (the
//     gallery's three buttons alone make 690; not the title: the bar leaves it out when the
//     tabs need the room), and 200 in the status line at the bottom left (about 1,000);
//   - a view under the top bar, not only the bars: at least 4 of the 8 cells of a 4 x 2 grid
//     over it hold 16 or more colours.
// Then, for the view itself, each CLASS must cover at least MIN_FRACTION of the area under the
// top bar (classes: black, white, orange, blue; see in_class). These are what each view shows
// and others do not, in amounts that tolerate panels moving: the draw pad's black, the white
// cells of a convolution or pooling example, the orange and blue of a signed colour map.
// Prints what it measured, then each failure; exits 1 on any.
//
// Reads only what ui/png_file.cpp writes (8-bit RGB, zlib of stored deflate blocks) and says so
// for anything else.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "io/crc32.h"

namespace {

uint32_t get_be32(const uint8_t* p) {
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}

struct Image {
  int width = 0, height = 0;
  std::vector<uint8_t> rgb;  // height rows of width * 3 bytes, top row first
};

// Returns "" and fills `image`, or what is wrong with the file.
std::string read_png(const std::string& path, Image& image) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return "cannot open it (was the screenshot written?)";
  std::vector<uint8_t> file;
  uint8_t buf[65536];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) file.insert(file.end(), buf, buf + n);
  std::fclose(f);
  static const uint8_t kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  if (file.size() < 8 || std::memcmp(file.data(), kSignature, 8) != 0) return "not a PNG file";
  std::vector<uint8_t> z;
  bool header = false;
  for (size_t at = 8;;) {
    if (file.size() - at < 12) return "truncated: no IEND chunk";
    const uint32_t length = get_be32(&file[at]);
    if (length > file.size() - at - 12) return "truncated chunk";
    const uint8_t* type = &file[at + 4];
    const uint8_t* data = type + 4;
    if (cnn::crc32(type, length + 4) != get_be32(data + length)) return "chunk checksum mismatch";
    if (std::memcmp(type, "IHDR", 4) == 0) {
      if (length != 13) return "bad IHDR";
      image.width = int(get_be32(data));
      image.height = int(get_be32(data + 4));
      if (data[8] != 8 || data[9] != 2 || data[12] != 0) return "not 8-bit RGB without interlace";
      if (image.width <= 0 || image.height <= 0 || image.width > 16384 || image.height > 16384) return "bad size";
      header = true;
    } else if (std::memcmp(type, "IDAT", 4) == 0) {
      z.insert(z.end(), data, data + length);
    } else if (std::memcmp(type, "IEND", 4) == 0) {
      break;
    }
    at += 12 + size_t(length);
  }
  if (!header) return "no IHDR chunk";
  // zlib header, then stored blocks: BFINAL/BTYPE byte, LEN, NLEN, LEN bytes.
  if (z.size() < 2 || (z[0] & 0x0f) != 8) return "IDAT is not a zlib stream";
  std::vector<uint8_t> raw;
  size_t at = 2;
  for (bool last = false; !last;) {
    if (z.size() - at < 5) return "deflate stream truncated";
    if ((z[at] >> 1) != 0) return "compressed deflate blocks: this checker reads ui/png_file.cpp's stored blocks only";
    last = z[at] & 1;
    const size_t len = size_t(z[at + 1]) | (size_t(z[at + 2]) << 8);
    const size_t nlen = size_t(z[at + 3]) | (size_t(z[at + 4]) << 8);
    if ((len ^ 0xffff) != nlen) return "bad stored block length";
    at += 5;
    if (z.size() - at < len) return "deflate stream truncated";
    raw.insert(raw.end(), z.begin() + long(at), z.begin() + long(at + len));
    at += len;
  }
  const size_t stride = size_t(image.width) * 3;
  if (raw.size() != size_t(image.height) * (stride + 1)) return "pixel data does not match the size";
  image.rgb.resize(size_t(image.height) * stride);
  std::vector<uint8_t> zero(stride, 0);
  for (int y = 0; y < image.height; ++y) {
    const uint8_t filter = raw[size_t(y) * (stride + 1)];
    const uint8_t* in = &raw[size_t(y) * (stride + 1) + 1];
    uint8_t* out = &image.rgb[size_t(y) * stride];
    const uint8_t* up = y > 0 ? out - stride : zero.data();
    for (size_t i = 0; i < stride; ++i) {
      const int a = i >= 3 ? out[i - 3] : 0, b = up[i], c = i >= 3 ? up[i - 3] : 0;
      int predicted = 0;
      switch (filter) {
        case 0: break;
        case 1: predicted = a; break;
        case 2: predicted = b; break;
        case 3: predicted = (a + b) / 2; break;
        case 4: {
          const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
          predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default: return "unknown row filter";
      }
      out[i] = uint8_t(in[i] + predicted);
    }
  }
  return "";
}

struct Rgb {
  int r, g, b;
};

Rgb pixel(const Image& im, int x, int y) {
  const uint8_t* p = &im.rgb[(size_t(y) * im.width + x) * 3];
  return {p[0], p[1], p[2]};
}

uint32_t key(Rgb c) { return uint32_t(c.r) << 16 | uint32_t(c.g) << 8 | uint32_t(c.b); }

// The colour classes a view is recognised by. The panels' background is (16, 16, 16), the
// inactive widgets dark blue (29, 47, 73): neither is in any class.
bool in_class(const std::string& name, Rgb c) {
  if (name == "black") return c.r <= 8 && c.g <= 8 && c.b <= 8;
  if (name == "white") return c.r >= 230 && c.g >= 230 && c.b >= 230;
  if (name == "orange") return c.r >= 180 && c.b <= 90 && c.r - c.b > 120;
  if (name == "blue") return c.b >= 180 && c.r <= 120 && c.b - c.r > 100;
  return false;
}

bool known_class(const std::string& name) {
  return name == "black" || name == "white" || name == "orange" || name == "blue";
}

// Distinct colours in [x0, x1) x [y0, y1).
size_t colours(const Image& im, int x0, int y0, int x1, int y1) {
  std::set<uint32_t> seen;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) seen.insert(key(pixel(im, x, y)));
  return seen.size();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4 || (argc - 4) % 2 != 0) {
    std::fprintf(stderr, "usage: screenshot_check FILE WIDTH HEIGHT [CLASS MIN_FRACTION]...\n");
    return 2;
  }
  const std::string path = argv[1];
  const int want_w = std::atoi(argv[2]), want_h = std::atoi(argv[3]);
  Image im;
  const std::string bad = read_png(path, im);
  if (!bad.empty()) {
    std::printf("screenshot_check: %s: %s\n", path.c_str(), bad.c_str());
    return 1;
  }
  std::vector<std::string> failures;
  if (im.width != want_w || im.height != want_h) {
    std::printf("screenshot_check: %s: %dx%d, expected %dx%d\n", path.c_str(), im.width, im.height, want_w, want_h);
    return 1;
  }
  const int w = im.width, h = im.height;
  // The top bar is about 50 pixels high at 1280x720, the status line about 40 (ui/main.cpp).
  const int top = h * 50 / 720, bottom = h - h * 40 / 720;

  std::unordered_map<uint32_t, int64_t> counts;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) ++counts[key(pixel(im, x, y))];
  int64_t most = 0;
  for (const auto& c : counts) most = std::max(most, c.second);
  const double most_share = double(most) / (double(w) * h);
  if (counts.size() < 64) failures.push_back("only " + std::to_string(counts.size()) + " colours (blank?)");
  if (most_share >= 0.9) failures.push_back("one colour covers " + std::to_string(int(most_share * 100)) + "% (blank?)");

  // Light text: the top bar's buttons and tabs, the status line's message.
  const auto light_pixels = [&](int x0, int y0, int x1, int y1) {
    int n = 0;
    for (int y = y0; y < y1; ++y)
      for (int x = x0; x < x1; ++x) {
        const Rgb c = pixel(im, x, y);
        n += c.r + c.g + c.b > 3 * 128;
      }
    return n;
  };
  const int bar = light_pixels(0, 0, w, top), status = light_pixels(0, bottom, w / 2, h);
  if (bar < 300) failures.push_back("no buttons or tabs in the top bar (" + std::to_string(bar) + " light pixels)");
  if (status < 200) failures.push_back("no text in the status line (" + std::to_string(status) + " light pixels)");

  int full_cells = 0;
  std::string cells;
  for (int gy = 0; gy < 2; ++gy)
    for (int gx = 0; gx < 4; ++gx) {
      const size_t n = colours(im, gx * w / 4, top + gy * (bottom - top) / 2, (gx + 1) * w / 4,
                               top + (gy + 1) * (bottom - top) / 2);
      full_cells += n >= 16;
      cells += (cells.empty() ? "" : " ") + std::to_string(n);
    }
  if (full_cells < 4) failures.push_back("only " + std::to_string(full_cells) + " of 8 grid cells under the top bar are drawn");

  std::string measured;
  const double area = double(w) * (bottom - top);
  for (int i = 4; i < argc; i += 2) {
    const std::string name = argv[i];
    const double min_fraction = std::atof(argv[i + 1]);
    if (!known_class(name)) {
      std::printf("screenshot_check: unknown colour class %s (black, white, orange, blue)\n", name.c_str());
      return 2;
    }
    int64_t n = 0;
    for (int y = top; y < bottom; ++y)
      for (int x = 0; x < w; ++x) n += in_class(name, pixel(im, x, y));
    char line[160];
    std::snprintf(line, sizeof line, " %s %.4f", name.c_str(), double(n) / area);
    measured += line;
    if (double(n) / area < min_fraction) {
      std::snprintf(line, sizeof line, "%s covers %.4f of the view, expected at least %.4f", name.c_str(),
                    double(n) / area, min_fraction);
      failures.push_back(line);
    }
  }

  std::printf("screenshot_check: %s: %zu colours, the commonest %.1f%%, top bar %d, status %d, grid cells [%s]%s\n",
              path.c_str(), counts.size(), most_share * 100, bar, status, cells.c_str(), measured.c_str());
  for (const std::string& f : failures) std::printf("screenshot_check: FAILED: %s\n", f.c_str());
  return failures.empty() ? 0 : 1;
}
