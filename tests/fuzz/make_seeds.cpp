// Writes the fuzzers' seed corpus: a few valid inputs of each kind, made by the engine's own
// writers, so that libFuzzer starts from files that get past the headers. The result is
// committed in tests/fuzz/seeds/ (a few kB); re-run after a format change:
//   make fuzz-build && build/fuzz/tests/fuzz/make_seeds tests/fuzz/seeds
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "io/model_file.h"
#include "protocol/messages.h"

namespace {

namespace proto = cnn::protocol;

void write(const std::string& path, const std::vector<uint8_t>& bytes) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f || std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size()) {
    std::fprintf(stderr, "make_seeds: cannot write %s\n", path.c_str());
    std::exit(1);
  }
  std::fclose(f);
}

std::vector<uint8_t> text(const std::string& s) { return std::vector<uint8_t>(s.begin(), s.end()); }

void put_be32(std::vector<uint8_t>& out, uint32_t v) {
  for (int i = 3; i >= 0; --i) out.push_back(uint8_t(v >> (8 * i)));
}

// One input for fuzz_engine_host: commands, each a u16 length and its bytes.
std::vector<uint8_t> sequence(const std::vector<proto::Command>& commands) {
  std::vector<uint8_t> out;
  for (const proto::Command& c : commands) {
    const std::vector<uint8_t> bytes = proto::encode(c);
    out.push_back(uint8_t(bytes.size()));
    out.push_back(uint8_t(bytes.size() >> 8));
    out.insert(out.end(), bytes.begin(), bytes.end());
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_seeds DIR (writes DIR/model_file, idx, spec, codec, engine_host)\n");
    return 2;
  }
  const std::string dir = argv[1];
  for (const char* sub : {"spec", "model_file", "idx", "codec", "engine_host"})
    std::filesystem::create_directories(dir + "/" + sub);
  const char* specs[] = {
      "lenet5",
      "input 8x8x3; conv 4 3x3 same; batchnorm; relu; avgpool 2; flatten; dropout 0.5; dense 10 softmax",
      "input 9x7x1; conv 2 3x3 stride 2 pad 1 leakyrelu 0.1234567; maxpool 2 stride 1; flatten; dense 4 tanh",
      "input 4x4x1; flatten; dense 3 sigmoid; dense 2",
      // Blocks and the layers of the modern networks (issue 14).
      "input 6x6x2; conv 4 3x3 same nobias; batchnorm; relu6; residual(dwconv 3x3 same nobias; batchnorm noscale; "
      "conv 4 1x1) relu; residual(conv 4 3x3 stride 2 same | conv 4 1x1 stride 2); globalavgpool; dense 3",
      "input 7x5x1; zeropad 0 1 0 1; parallel(conv 2 1x1 relu | conv 1 1x3 same; conv 2 3x1 same relu | "
      "maxpool 3 stride 1 same; conv 1 1x1); avgpool 3 stride 1 pad 1; flatten; dense 2",
      "input 5x5x1; rescale 255; conv 2 3x3 same tanh; rescale 0.00392157; flatten; dense 3",  // note 003's scale
  };
  constexpr int kSpecs = int(sizeof specs / sizeof specs[0]);
  for (int i = 0; i < kSpecs; ++i) write(dir + "/spec/" + std::to_string(i), text(specs[i]));
  for (int i = 1; i < kSpecs; ++i) {
    cnn::Expected<cnn::Model> m = cnn::Model::build(specs[i], 1);
    if (!m) return std::fprintf(stderr, "make_seeds: %s\n", m.error().c_str()), 1;
    write(dir + "/model_file/" + std::to_string(i), cnn::save_model(*m));
    cnn::Expected<std::vector<uint8_t>> half = cnn::save_model_f16(*m);  // format version 2
    if (!half) return std::fprintf(stderr, "make_seeds: %s\n", half.error().c_str()), 1;
    write(dir + "/model_file/f16_" + std::to_string(i), *half);
    cnn::Expected<std::vector<uint8_t>> int8 = cnn::save_model_int8(*m);  // format version 3
    if (!int8) return std::fprintf(stderr, "make_seeds: %s\n", int8.error().c_str()), 1;
    write(dir + "/model_file/int8_" + std::to_string(i), *int8);
  }
  // IDX: the split byte, then 3 images of 2x2 and their labels.
  std::vector<uint8_t> images, labels;
  put_be32(images, 0x00000803);
  put_be32(images, 3);
  put_be32(images, 2);
  put_be32(images, 2);
  for (int i = 0; i < 12; ++i) images.push_back(uint8_t(i * 20));
  put_be32(labels, 0x00000801);
  put_be32(labels, 3);
  for (uint8_t l : {1, 7, 9}) labels.push_back(l);
  std::vector<uint8_t> idx{uint8_t(255 * images.size() / (images.size() + labels.size()))};
  idx.insert(idx.end(), images.begin(), images.end());
  idx.insert(idx.end(), labels.begin(), labels.end());
  write(dir + "/idx/0", idx);

  proto::TrainSettings s;
  s.batch = 4;
  s.epochs = 2;
  proto::Image input{1, 3, 3, {1, 2, 3, 4, 5, 6, 7, 8, 9}}, kernel{1, 2, 2, {1, 0, 0, -1}};
  const std::vector<proto::Command> commands = {
      proto::LoadModel{1, "m.bin", {1, 2, 3}, true},
      proto::Predict{2, 2, 2, true, {0, 1, 1, 0}},
      proto::StartTraining{3, s},
      proto::TraceConvolution{4, input, kernel, 0.5f, 1, 1, true, 0, 1},
      proto::TracePooling{5, input, proto::PoolMode::kMax, 2, 1, 1, 1},
      proto::SummarizeSpec{6, "lenet5"},
      proto::GetTestImage{7, 3},
      proto::RestoreShippedModel{8},
      proto::TraceOptimizers{9, proto::Surface::kSaddle, false, -1.8f, 0.01f, 20,
                             {proto::PathSettings{proto::Optimizer::kAdam, 0.1f}}, 8},
      proto::TraceConvBackward{10, input, kernel, 1, 2, proto::Upstream::kCounting, 0, 3},
      proto::PreviewTraining{11, s, 4},
      proto::FindTopActivations{12, 0, 1, 9},
      proto::ChooseDataset{13, proto::DatasetName::kFashion},
  };
  for (size_t i = 0; i < commands.size(); ++i) write(dir + "/codec/c" + std::to_string(i), proto::encode(commands[i]));
  const std::vector<proto::Event> events = {
      proto::TrainingStopped{3, proto::StopReason::kDiverged, "Training diverged", 0},
      proto::Predicted{2, std::vector<float>(10, 0.1f), std::vector<float>(4, 0.5f), "it is very small"},
      proto::ErrorRaised{1, "m.bin: not a model file"},
  };
  for (size_t i = 0; i < events.size(); ++i) write(dir + "/codec/e" + std::to_string(i), proto::encode(events[i]));
  write(dir + "/engine_host/0", sequence({proto::StartTraining{1, s}, proto::PauseTraining{2}, proto::StepBatch{3},
                                          proto::ResumeTraining{4}, proto::StopTraining{5}, proto::SaveModel{6}}));
  write(dir + "/engine_host/1", sequence({proto::TraceConvolution{1, input, kernel, 0, 0, 1, false, 1, 1},
                                          proto::InspectNetwork{2, std::vector<float>(784, 0.5f)},
                                          proto::Predict{3, 2, 2, true, {0, 1, 1, 0}}, proto::GetSummary{4}}));
  proto::TrainSettings augmented = s;
  augmented.augment = proto::Augmentation{2, 10, 0.1f};
  augmented.patience = 1;
  write(dir + "/engine_host/3", sequence({proto::PreviewTraining{1, augmented, 0}, proto::StartTraining{2, augmented},
                                          proto::FindTopActivations{3, 0, 0, 4}}));
  write(dir + "/engine_host/4", sequence({proto::GetTestImage{1, 0}, proto::ChooseDataset{2, proto::DatasetName::kFashion},
                                          proto::StartTraining{3, s}, proto::ChooseDataset{4, proto::DatasetName::kMnist}}));
  write(dir + "/engine_host/2", sequence({proto::TraceConvBackward{1, input, kernel, 0, 1, proto::Upstream::kOneCell, 3, 4},
                                          proto::TraceOptimizers{2, proto::Surface::kBowl, true, 0, 0, 30,
                                                                 {proto::PathSettings{proto::Optimizer::kSgd, 0.4f}}, 4}}));
  std::printf("make_seeds: wrote %s/{spec,model_file,idx,codec,engine_host}\n", dir.c_str());
  return 0;
}
