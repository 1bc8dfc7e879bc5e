using LocalityLab.Compute.Model;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Training;

/// <summary>
/// One replicate's part in a batched round: its network (rewound and masked), its generators (batch order, online
/// samples), and, when this round takes the rewind point, the step after which to take it.
/// </summary>
internal sealed record ReplicateRound(
    PrunableNetwork Network,
    Generator TrainingGenerator,
    Generator DataGenerator,
    long? RewindCaptureStep,
    Action CaptureRewindPoint);
