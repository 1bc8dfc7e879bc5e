namespace LocalityLab.Compute.Hosting;

/// <summary>How many CUDA devices libtorch sees. An interface so that start-up checks can be tested without a GPU.</summary>
public interface ICudaProbe
{
    int DeviceCount { get; }
}
