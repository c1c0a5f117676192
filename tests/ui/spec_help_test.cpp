// The network editor's list of statements (ui/teaching/spec_help.h) against the engine's
// parser: every example must be a statement the engine accepts, and be of the statement its
// row describes.
#include <gtest/gtest.h>

#include <string>

#include "model/spec.h"
#include "teaching/spec_help.h"

namespace cnn::ui {
namespace {

TEST(SpecHelp, EveryExampleIsAStatementTheEngineAccepts) {
  ASSERT_FALSE(spec_help().empty());
  for (const SpecHelp& h : spec_help()) {
    // On an image, or (dense and the like) on a vector.
    const Expected<ModelSpec> on_image = parse_spec(std::string("input 28x28x3; ") + h.example);
    const Expected<ModelSpec> on_vector = parse_spec(std::string("input 28x28x3; flatten; ") + h.example);
    EXPECT_TRUE(on_image.ok() || on_vector.ok()) << h.example << ": " << on_image.error() << " / " << on_vector.error();
    // The example is the statement the row describes.
    const std::string syntax = h.syntax, example = h.example;
    const std::string head = example.substr(0, example.find_first_of(" ("));
    EXPECT_NE(syntax.find(head), std::string::npos) << h.syntax << " vs " << h.example;
  }
}

}  // namespace
}  // namespace cnn::ui
