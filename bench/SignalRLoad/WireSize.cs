using System.Buffers;
using LocalityLab.Shared.Hubs;
using LocalityLab.Shared.Runs;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace LocalityLab.Bench.SignalRLoad;

/// <summary>
/// Bytes of one RoundCompleted invocation as a hub protocol frames it (the body of one WebSocket message, without the
/// WebSocket header of up to 14 bytes): the received frame serialised again with the protocol the server uses.
/// </summary>
public static class WireSize
{
    public static int MessagePack(RoundFrame frame) => Measure(new MessagePackHubProtocol(), frame);

    public static int Json(RoundFrame frame) => Measure(new JsonHubProtocol(), frame);

    private static int Measure(IHubProtocol protocol, RoundFrame frame)
    {
        var buffer = new ArrayBufferWriter<byte>();
        protocol.WriteMessage(new InvocationMessage(nameof(IExperimentClient.RoundCompleted), [frame]), buffer);
        return buffer.WrittenCount;
    }
}
