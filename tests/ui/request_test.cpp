// ui/request.h: when a panel asks the engine again, including a lost answer and an error for
// another request.
#include "request.h"

#include <gtest/gtest.h>

namespace cnn::ui {
namespace {

protocol::TraceConvBackward question(int steps) {
  protocol::TraceConvBackward m;
  m.input = protocol::Image{1, 2, 2, {1, 2, 3, 4}};
  m.kernel = protocol::Image{1, 1, 1, {2}};
  m.steps = steps;
  return m;
}

TEST(Request, AsksOnceThenAgainOnlyWhenTheQuestionChanges) {
  Request r;
  EXPECT_TRUE(r.due(question(1), false, false, 0.0));
  r.sent(7, question(1), 0.0);
  EXPECT_EQ(r.id(), 7u);
  EXPECT_FALSE(r.due(question(1), false, false, 0.1));  // on its way
  EXPECT_FALSE(r.due(question(2), false, false, 0.1));  // changed, but the last is on its way
  EXPECT_FALSE(r.due(question(1), true, false, 0.2));   // answered, unchanged
  EXPECT_TRUE(r.due(question(2), true, false, 0.2));    // answered, changed
  protocol::TraceConvBackward same = question(1);
  same.request_id = 99;  // the same question under another id
  EXPECT_FALSE(r.due(same, true, false, 0.2));
}

TEST(Request, ALostAnswerIsAskedAgainOnceOverdue) {
  Request r;
  r.sent(3, question(4), 10.0);
  EXPECT_FALSE(r.due(question(4), false, false, 10.0 + Request::kOverdueSeconds - 0.1));
  EXPECT_TRUE(r.due(question(4), false, false, 10.0 + Request::kOverdueSeconds + 0.1));
  EXPECT_TRUE(r.due(question(5), false, false, 10.0 + Request::kOverdueSeconds + 0.1));
}

TEST(Request, ARefusedQuestionIsNotRepeatedButAChangedOneIsAsked) {
  Request r;
  r.sent(5, question(9), 0.0);
  EXPECT_FALSE(r.due(question(9), false, true, 0.1));  // refused: it would be refused again
  EXPECT_FALSE(r.due(question(9), false, true, 60.0));
  EXPECT_TRUE(r.due(question(3), false, true, 0.1));
  // An error for another request (failed is false for this id) does not unblock it early, and
  // does not block it past the overdue time either.
  r.sent(6, question(3), 1.0);
  EXPECT_FALSE(r.due(question(2), false, false, 1.5));
  EXPECT_TRUE(r.due(question(2), false, false, 1.0 + Request::kOverdueSeconds + 0.1));
}

}  // namespace
}  // namespace cnn::ui
