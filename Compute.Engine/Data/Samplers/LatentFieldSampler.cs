using LocalityLab.Shared.Experiments;

namespace LocalityLab.Compute.Data.Samplers;

/// <summary>A stationary Gaussian field drawn by FFT on the ring or torus, chunk by chunk (NLGP and its clone).</summary>
internal abstract class LatentFieldSampler : SourceSampler
{
    /// <summary>Values drawn per chunk (float64 with FFT buffers: about 64 bytes a value while a chunk is made).</summary>
    private const long ChunkValues = 1L << 20;

    /// <summary>Seconds per value and log2 D of the FFT sampling, measured on the reference machine.</summary>
    private const double SecondsPerValueLog = 4.5e-9;

    public override long GenerationBytes(DataSpec spec, int inputs) =>
        Math.Min(Math.Max(spec.TrainingSamples, spec.TestSamples) * (long)inputs, ChunkValues) * 64L;

    public override double GenerationSeconds(DataSpec spec, int inputs, long sampled, long stored) =>
        sampled * (double)inputs * Math.Log2(Math.Max(2, inputs)) * SecondsPerValueLog;
}
