using System.Buffers.Binary;
using LocalityLab.Compute.Data;
using LocalityLab.Compute.Training;
using LocalityLab.Shared.Compute;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Validation;

namespace LocalityLab.Compute.Runs;

/// <summary>
/// Estimates memory and time from the spec alone (nothing is allocated). Every term is a cost the engine pays, with a
/// coefficient measured on this project's 2-core CPU server kind: the `estimates` benchmark runs a grid of sizes whole
/// and sets the measured peak resident memory and wall time against these (BENCHMARKS.md, "Estimates"; targets:
/// memory within 30% of the peak, time within a factor of 2). A GPU only makes runs faster.
/// </summary>
internal static class ResourceEstimator
{
    // Time. One optimiser step's fixed cost (launches, masking, the optimiser; by hand or through autograd) and the effective float32 rate of its
    // products (sampling's cost is each sampler's: Data/Samplers); the permutation null's
    // float64 [N, D] @ [D, K * M] products, and its per-placement work (argsort of D uniforms, scatter, spreads); the
    // cavity map's moment products per test sample, unit and pixel.
    private const double SecondsPerStep = 350e-6;
    private const double SecondsPerAutogradStep = 2e-3;
    private const double TrainingFlopsPerSecond = 30e9;
    private const double NullFlopsPerSecond = 50e9;
    private const double SecondsPerPlacedWeight = 200e-9;
    private const double CavitySecondsPerTerm = 70e-12;

    // Memory. The training set is held once and about half again while an epoch's batches are gathered. The null works
    // in blocks of units (at most 2^22 float64 values of [units * M, max(N_c, D)], PermutationNull.BlockElements):
    // a block's placed weights [units * M, D] (the uniforms, their argsort, managed and tensor copies) and its
    // pre-activations [N_c, units * M] with their powers are alive at once, and what the allocators keep of the
    // round's earlier blocks grows with all the round's null values K * M * (D + N_c). The multipliers were fitted
    // to the estimates grid (the mean of 2 to 3 runs of each of its first 11 specs, worst error 8%).
    /// <summary>A process that has loaded .NET, libtorch and MKL and run one small round, before any sizeable data.</summary>
    public const long ProcessBaselineBytes = 240L << 20;
    private const double TrainingSetCopies = 1.5;
    private const long NullBlockElements = 1L << 22;
    private const double PlacedWeightBlocks = 8, PreActivationBlocks = 16, RoundNullCopies = 3;

    public static ResourceEstimate Estimate(ExperimentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int inputs = ExperimentSpecValidator.Inputs(spec.Data) ?? ImageInputs(spec.Data);
        int[] widths = spec.Model.Architecture == Architecture.Mlp ? spec.Model.HiddenWidths : [spec.Model.HiddenUnits];
        long parameters = 0;
        long fanIn = inputs;
        foreach (int width in widths.Append(1))
        {
            parameters += fanIn * width + width;
            fanIn = width;
        }
        int units = widths[0];
        long train = spec.Data.TrainingSamples, test = spec.Data.TestSamples;
        int rounds = spec.RoundCount;
        long totalSteps = spec.Training.StepsPerRound(spec.Data.TrainingSamples) * rounds;
        int permutations = spec.Measures.NullPermutations;

        // Memory: the stored float32 sets, and the larger of generating them and a round (training, then measures).
        long dataBytes = (long)((TrainingSetCopies * train + test) * inputs * 4L);
        var sampler = SourceSamplers.Find(spec.Data.Source);
        long generationBytes = sampler?.GenerationBytes(spec.Data, inputs) ?? 0;
        // Model: weights, gradients, optimiser state, initial, rewind and trained copies, masks; a batch's activations.
        long modelBytes = parameters * 4L * 8;
        long activationBytes = (long)spec.Training.BatchSize * widths.Sum() * 4L * 4;
        // Measures: the test inputs in float64, and the permutation null's blocks and its round.
        long largestClass = Math.Max(1, (test + 1) / 2);
        long unitsPerBlock = Math.Clamp(NullBlockElements / ((long)permutations * Math.Max(largestClass, inputs)), 1, Math.Max(1, units));
        double nullBytes = 8.0 * permutations * (PlacedWeightBlocks * unitsPerBlock * inputs + PreActivationBlocks * unitsPerBlock * largestClass
            + RoundNullCopies * units * (inputs + largestClass));
        long measureBytes = test * inputs * 8L + (long)nullBytes;
        long peak = ProcessBaselineBytes + dataBytes + Math.Max(generationBytes, modelBytes + activationBytes + measureBytes);

        // Time: sampling (online training samples every batch), training, and each round's measures.
        double stepFlops = 6.0 * spec.Training.BatchSize * parameters;
        // The hand-written step (Training/TwoLayerSgdStep) or autograd, whose fixed cost per step is several times larger.
        bool handWritten = TrainingSteps.IsHandWritten(spec.Model, spec.Training);
        double trainingSeconds = totalSteps * ((handWritten ? SecondsPerStep : SecondsPerAutogradStep) + stepFlops / TrainingFlopsPerSecond);
        long sampled = train + test + (train == 0 ? totalSteps * spec.Training.BatchSize : 0);
        double generationSeconds = sampler?.GenerationSeconds(spec.Data, inputs, sampled, train + test) ?? 0; // files cost nothing here
        double nullTerms = (double)units * permutations * inputs;
        double measureSeconds = rounds * (2.0 * test * nullTerms / NullFlopsPerSecond + nullTerms * SecondsPerPlacedWeight
            + (double)test * units * inputs * CavitySecondsPerTerm);
        return new ResourceEstimate(inputs, parameters, totalSteps, peak, trainingSeconds + generationSeconds + measureSeconds);
    }

    // The IDX header (magic, n, rows, cols; big-endian) gives the image size without reading the images.
    private static int ImageInputs(DataSpec data)
    {
        if (data.ImagesPath is null || !File.Exists(data.ImagesPath))
        {
            throw new FileNotFoundException($"Data.ImagesPath: no file at '{data.ImagesPath}'.", data.ImagesPath);
        }
        using var stream = File.OpenRead(data.ImagesPath);
        Span<byte> header = stackalloc byte[16];
        if (stream.Read(header) < 16 || BinaryPrimitives.ReadInt32BigEndian(header) != 0x00000803)
        {
            throw new InvalidDataException($"Data.ImagesPath: '{data.ImagesPath}' is not an IDX file of unsigned-byte images (magic 0x00000803).");
        }
        return BinaryPrimitives.ReadInt32BigEndian(header[8..]) * BinaryPrimitives.ReadInt32BigEndian(header[12..]);
    }
}
