using LocalityLab.Compute.Data;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Results;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Studies;

/// <summary>
/// What a study control needs to start one replicate: its spec, the checkpoint to resume from (if any), its trunk's
/// round-0 checkpoint (branches), IMP's masks after each round (controls that follow them), and a share of IMP's data
/// for this replicate when this study run holds it (null when it does not: a branch then draws the same data again).
/// </summary>
internal sealed record StudyStart(
    ExperimentSpec Spec,
    Device Device,
    TimeProvider Time,
    RoundCheckpoint? Resume,
    Func<RoundCheckpoint> TrunkRound0,
    Func<IReadOnlyList<IReadOnlyDictionary<int, float[]>>> ImpNextMasks,
    Func<ExperimentData?> TrunkData);
