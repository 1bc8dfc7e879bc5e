using System.Buffers;
using LocalityLab.Shared.Results;
using LocalityLab.Shared.Runs;
using LocalityLab.Shared.Studies;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace LocalityLab.Web.Tests.Hubs;

/// <summary>
/// What the hub sends a study's viewers (MessagePack) carries its conditions by key: a hub client reads back the
/// conditions the lab wrote, a test-only one too.
/// </summary>
public sealed class StudyWireTests
{
    private sealed class Binder(Type argument) : IInvocationBinder
    {
        public IReadOnlyList<Type> GetParameterTypes(string methodName) => [argument];

        public Type GetReturnType(string invocationId) => typeof(object);

        public Type GetStreamItemType(string streamId) => typeof(object);
    }

    private static T RoundTrip<T>(T argument)
    {
        var protocol = new MessagePackHubProtocol();
        var buffer = new ArrayBufferWriter<byte>();
        protocol.WriteMessage(new InvocationMessage("Message", [argument]), buffer);
        var sequence = new ReadOnlySequence<byte>(buffer.WrittenMemory);
        Assert.True(protocol.TryParseMessage(ref sequence, new Binder(typeof(T)), out var message));
        return (T)Assert.IsType<InvocationMessage>(message).Arguments[0]!;
    }

    [Fact]
    public void A_study_and_its_progress_reach_a_hub_client_with_their_conditions()
    {
        StudyCondition[] conditions = [StudyCondition.Imp, StudyCondition.GaussianClone, StudyCondition.RandomReinit, new("someoneElses")];
        var study = new StudyInfo(Guid.NewGuid(), "s", "ada", RunStatus.Running, "id", DateTimeOffset.UnixEpoch, null, null, null,
            3, 10, null, 2, conditions);
        var progress = new StudyProgress(StudyCondition.OneShot, [0, 1], new TrainingProgress(1, 1, 5, 10, 0.5, 100));

        Assert.Equal(conditions, RoundTrip(study).Conditions);
        Assert.Equal(StudyCondition.OneShot, RoundTrip(progress).Condition);
    }
}
