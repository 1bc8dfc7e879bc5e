namespace LocalityLab.Shared.Engine;

/// <summary>The loss became NaN or infinite: the run ends here; rounds already completed stand.</summary>
public sealed class TrainingDivergedException(int round, long step, double loss)
    : Exception($"Training diverged in round {round} at step {step}: the loss is {loss}. Rounds before round {round} are kept; "
        + "try a smaller Training.LearningRate.")
{
    public int Round { get; } = round;

    public long Step { get; } = step;
}
