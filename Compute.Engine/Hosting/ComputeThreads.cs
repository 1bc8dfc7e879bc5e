using TorchSharp;

namespace LocalityLab.Compute.Hosting;

/// <summary>
/// Where the engine's work leaves the calling thread. libtorch keeps its intra-op thread count per OS thread (OpenMP's
/// and MKL's, set by torch.set_num_threads), and gives a new thread the process's count only once that thread runs one of
/// ATen's parallel loops. A matrix product reached first runs in MKL at MKL's own default, every core: a pool thread
/// that had run nothing else computed a float64 product of 500 x 64 by 64 x 16 up to 1e-14 away from the same product
/// on a thread that had, so a run's measures depended on which pool thread took them (MKL_CBWR keeps the bits only
/// at a fixed thread count). Every piece of engine work that may land on a pool thread goes through here and first
/// sets that thread's count to the process's (Compute:Threads, applied by <see cref="TorchRuntime"/>).
/// </summary>
internal static class ComputeThreads
{
    /// <summary>Runs <paramref name="work"/> on a pool thread whose libtorch thread count is the process's.</summary>
    public static Task<T> Run<T>(Func<T> work, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            Prepare();
            return work();
        }, cancellationToken);

    /// <summary>Runs <paramref name="work"/> for each item, at most <paramref name="streams"/> at once, each on a prepared thread.</summary>
    public static Task ForEachAsync<T>(IEnumerable<T> items, int streams, Action<T, CancellationToken> work, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = streams, CancellationToken = cancellationToken },
            (item, token) =>
            {
                Prepare();
                work(item, token);
                return ValueTask.CompletedTask;
            });

    /// <summary>Sets this thread's libtorch (OpenMP and MKL) thread count to the process's.</summary>
    public static void Prepare() => torch.set_num_threads(torch.get_num_threads());
}
