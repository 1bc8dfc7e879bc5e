namespace LocalityLab.Compute.Training;

/// <summary>Accuracy and mean loss of the network on a labelled set.</summary>
internal sealed record Evaluation(double Accuracy, double Loss);
