using LocalityLab.Compute.Hosting;
using TorchSharp;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Tests.Hosting;

/// <summary>
/// It sets libtorch's process-wide thread count for a while, so it runs apart from every other test: beside the
/// reproducibility tests it once changed the count a concurrent run's measures took (two failed in the last bits).
/// </summary>
[Collection(LibTorchThreadsCollection.Name)]
public sealed class ComputeThreadsTests
{
    /// <summary>
    /// The product a round's measures take (500 test inputs of 8 x 8 pixels by 16 units, float64) on a thread that has run
    /// nothing in libtorch yet: unprepared, MKL ran it at its own default thread count and it came out up to 1e-14 away
    /// from the calling thread's (the scale-out test's resumed run then differed from an uninterrupted one in the last bits).
    /// </summary>
    [Fact]
    public void A_new_thread_prepared_here_computes_a_product_bit_for_bit_as_the_calling_thread_does()
    {
        int before = torch.get_num_threads();
        try
        {
            torch.set_num_threads(1);
            using var generator = new Generator(7);
            using var inputs = randn([500, 64], dtype: ScalarType.Float64, generator: generator);
            using var weights = randn([16, 64], dtype: ScalarType.Float64, generator: generator);
            using var here = inputs.matmul(weights.t());

            Tensor? there = null;
            var thread = new Thread(() =>
            {
                ComputeThreads.Prepare();
                there = inputs.matmul(weights.t());
            });
            thread.Start();
            thread.Join();

            using (there)
            {
                Assert.Equal(1, torch.get_num_threads());
                Assert.Equal(here.data<double>().ToArray(), there!.data<double>().ToArray()); // exactly, bit for bit
            }
        }
        finally
        {
            torch.set_num_threads(before);
        }
    }
}
