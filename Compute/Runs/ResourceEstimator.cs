using System.Buffers.Binary;
using LocalityLab.Shared.Experiments;
using LocalityLab.Shared.Validation;

namespace LocalityLab.Compute.Runs;

/// <summary>
/// Estimates memory and time from the spec alone (nothing is allocated), deliberately on the high side.
/// Throughputs are those measured on a 2-core CPU server (BENCHMARKS.md): a GPU only makes runs faster.
/// </summary>
public static class ResourceEstimator
{
    // Effective float32 throughput of small training steps, and the fixed cost of one optimiser step (launch overhead).
    private const double FlopsPerSecond = 10e9;
    private const double SecondsPerStep = 200e-6;

    public static ResourceEstimate Estimate(ExperimentSpec spec)
    {
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
        int rounds = spec.Pruning.Control == PruningControl.OneShot ? 2 : spec.Pruning.Rounds + 1;
        long stepsPerRound = spec.Training.StepsPerRound(spec.Data.TrainingSamples);
        long totalSteps = stepsPerRound * rounds;

        // Data: stored float32 sets, plus the complex float64 FFT work space of generating a batch of them.
        long dataBytes = (train + test) * inputs * 4L;
        long generationBytes = Math.Max(train, Math.Max(test, spec.Training.BatchSize)) * inputs * 48L;
        // Model: weights, gradients, two optimiser moments, initial, rewind and trained copies, masks.
        long modelBytes = parameters * 4L * 8;
        long activationBytes = (long)spec.Training.BatchSize * widths.Sum() * 4L * 4;
        // Measures: float64 powers of the test inputs and pre-activations, and the K x D cavity moment matrices.
        long measureBytes = test * inputs * 8L * 4 + test * units * 8L * 4 + (long)units * inputs * 8L * 10;
        // The permutation null works in blocks of at most 2^22 float64 pre-activations (N_c x units * M), with about
        // six such arrays alive at once (permuted weights, h, centred h and its powers).
        long nullColumns = (long)units * spec.Measures.NullPermutations;
        measureBytes += Math.Min(test * nullColumns, 1L << 22) * 8L * 6;
        long peak = dataBytes + Math.Max(generationBytes, modelBytes + activationBytes + measureBytes);

        double stepFlops = 6.0 * spec.Training.BatchSize * parameters;
        if (train == 0)
        {
            stepFlops += spec.Training.BatchSize * inputs * (20.0 * Math.Log2(Math.Max(2, inputs)) + 50);
        }
        double trainingSeconds = totalSteps * (stepFlops / FlopsPerSecond + SecondsPerStep);
        double generationSeconds = spec.Data.Source == DataSource.Ising
            ? (train + test) * (double)inputs * spec.Data.IsingSweeps * 30 / 1e9
            : (train + test) * (double)inputs * (20.0 * Math.Log2(Math.Max(2, inputs)) + 50) / FlopsPerSecond;
        // The mixture and within-class cavity maps, then the null's float64 [N, D] @ [D, K * M] products (measured at
        // the Quick demo's K = 40, D = 400, N = 2000, M = 32: 0.4 to 1.5 s a round on 2 busy cores, about 8 flops per term).
        double measureSeconds = rounds * (20.0 * test * units * inputs + 8.0 * test * inputs * nullColumns) / FlopsPerSecond;
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
