namespace LocalityLab.Compute.Workers;

/// <summary>The worker did not start: the lab refused its key, or could not be reached at Compute:LabUrl (the message says which).</summary>
public sealed class LabAdmissionException(string message, Exception inner) : Exception(message, inner);
