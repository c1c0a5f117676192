// The teaching commands' answers: messages.h on one side, engine/teach/ on the other.
// Each returns the command's event, or ErrorRaised with the command's request id and the
// engine's sentence; nothing else changes. EngineHost calls these.
#pragma once

#include "model/model.h"
#include "protocol/messages.h"

namespace cnn::protocol {

Event answer(const TraceConvolution& m);                // ConvolutionTraced
Event answer(const TracePooling& m);                    // PoolingTraced
Event answer(const InspectNetwork& m, Model* model);    // NetworkInspected; model may be null
Event answer(const TraceOptimizers& m);                 // OptimizersTraced
Event answer(const TraceConvBackward& m);               // ConvBackwardTraced
Event answer(const TraceSeparable& m);                  // SeparableTraced
Event answer(const TraceDropout& m);                    // DropoutTraced

}  // namespace cnn::protocol
