namespace LocalityLab.Bench.SignalRLoad;

/// <summary>What the load tool writes: every figure BENCHMARKS.md quotes from it. Times are milliseconds unless named.</summary>
public sealed record LoadReport(
    int Connections,
    double ConnectMilliseconds,
    double SubscribeMilliseconds,
    int Inputs,
    int HiddenUnits,
    int ExpectedRounds,
    long StepsPerRound,
    string FinalStatus,
    double RunSeconds,
    DeliveryCounts Delivery,
    Percentiles FanOutSpread,
    Percentiles CompletionToReceipt,
    Percentiles CompletionToFirstReceipt,
    double PollIntervalMilliseconds,
    Percentiles PollRequest,
    IReadOnlyList<RoundDelivery> Rounds,
    WireBytes Wire,
    CpuSampler.Window IdleCpu,
    CpuSampler.Window TrainingCpu,
    PageLatency IdlePage,
    PageLatency TrainingPage,
    bool PagesAllWhileTraining);

/// <param name="SubscribersWithEveryRound">Subscribers that hold every round, live or from their Subscribe snapshot.</param>
/// <param name="LiveReceipts">RoundCompleted messages received, all subscribers together.</param>
/// <param name="FromSnapshot">Rounds already stored when a subscriber joined, so they came in its snapshot instead.</param>
public sealed record DeliveryCounts(
    int SubscribersWithEveryRound,
    int LiveReceipts,
    int FromSnapshot,
    int Expected,
    int Duplicates,
    int MinRoundsPerSubscriber,
    int MaxRoundsPerSubscriber,
    double MedianProgressMessagesPerSubscriber);

/// <param name="CompletionSeenSeconds">When a poll first saw the round stored, seconds after the run started.</param>
/// <param name="Spread">Last live receipt minus first.</param>
public sealed record RoundDelivery(int Round, double CompletionSeenSeconds, int Receivers, double FirstAfterCompletion, double Spread);

public sealed record WireBytes(int Units, int Inputs, int MessagePack, int Json);

public sealed record PageLatency(string Path, int Requests, double PauseMilliseconds, int Failures, Percentiles Milliseconds);
