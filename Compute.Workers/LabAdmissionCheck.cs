using LocalityLab.Shared.Compute;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LocalityLab.Compute.Workers;

/// <summary>
/// Before the worker takes any job, it presents its key at Compute:LabUrl: a lab that refuses it (a wrong key, or an
/// address that is not the lab's API) stops the worker with that reason, instead of a worker that says it is ready,
/// takes jobs and fails each one on a 401. A lab that cannot be reached after the API client's retries stops it too.
/// Registered before the job server, so the server starts only after the lab has admitted the worker.
/// </summary>
public sealed class LabAdmissionCheck(LabWorkerApi lab, IOptions<ComputeOptions> options, ILogger<LabAdmissionCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        string address = options.Value.LabUrl!;
        try
        {
            var greeting = await lab.GreetAsync(cancellationToken);
            logger.LogInformation("The lab at {Lab} admitted this worker (lab build {Build}).", address, greeting.Build);
        }
        catch (LabRefusedWorkerException refused)
        {
            logger.LogCritical("{Reason} The worker does not start.", refused.Message);
            throw new LabAdmissionException(refused.Message, refused);
        }
        catch (HttpRequestException unreachable)
        {
            string reason = $"The lab at {address} cannot be reached ({unreachable.Message}): Compute:LabUrl must be the lab's load-balanced address.";
            logger.LogCritical("{Reason} The worker does not start.", reason);
            throw new LabAdmissionException(reason, unreachable);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
