"""PyTorch (Debian's python3-torch, 1.13 CPU) natively, one thread: the peer the issue's training
goal is set against. Same model, data shape, batch, optimizer and timing rules as common.mjs.

    /usr/bin/python3 tests/bench/peers/pytorch_native.py [--seconds S]

Prints one JSON line. Without torch it prints {"skipped": "..."} and exits 0: python3-torch is not
in tools/install_deps.sh (only the fixture script needs it), so this row is optional.
"""
import argparse
import json
import statistics
import sys
import time

K_TRAIN_BATCH, K_INFER_BATCH, K_WARMUP_STEPS = 64, 1000, 2


def time_loop(step, seconds, warmup=1, min_iters=1, max_iters=None):
    """common.mjs timeLoop: warm-up (cut short once it took `seconds`), then timed calls (ms)."""
    warm_start = time.perf_counter()
    for i in range(warmup):
        if i > 0 and time.perf_counter() - warm_start >= seconds:
            break
        step()
    times, start = [], time.perf_counter()
    while (max_iters is None or len(times) < max_iters) and (
            len(times) < min_iters or time.perf_counter() - start < seconds):
        t0 = time.perf_counter()
        step()
        times.append(1e3 * (time.perf_counter() - t0))
    return times


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3.0)
    seconds = parser.parse_args().seconds
    try:
        import torch
        from torch import nn
    except ImportError as error:
        print(json.dumps({"peer": "pytorch", "skipped": f"no PyTorch ({error}): apt-get install python3-torch"}))
        return 0
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    torch.manual_seed(1)
    model = nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    images = torch.rand(K_INFER_BATCH, 1, 28, 28)
    labels = torch.randint(0, 10, (K_INFER_BATCH,))
    x_train, y_train = images[:K_TRAIN_BATCH].contiguous(), labels[:K_TRAIN_BATCH].contiguous()

    def train_step():
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x_train), y_train)
        loss.backward()
        optimizer.step()
        loss.item()

    train_times = time_loop(train_step, seconds, warmup=K_WARMUP_STEPS)
    model.eval()
    with torch.no_grad():
        x_one = images[:1].contiguous()
        latency = time_loop(lambda: torch.softmax(model(x_one), 1).numpy(), seconds / 2,
                            warmup=10, min_iters=20, max_iters=5000)
        infer = time_loop(lambda: torch.softmax(model(images), 1).numpy(), seconds)
    print(json.dumps({
        "peer": "pytorch", "runtime": "native", "seconds": seconds,
        "train_samples_per_s": len(train_times) * K_TRAIN_BATCH / (sum(train_times) / 1e3),
        "train_steps_timed": len(train_times),
        "infer_latency_ms": statistics.median(latency), "infer_latency_runs": len(latency),
        "infer_images_per_s": len(infer) * K_INFER_BATCH / (sum(infer) / 1e3),
        "infer_batches_timed": len(infer),
        "torch_version": torch.__version__, "threads": torch.get_num_threads(),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
