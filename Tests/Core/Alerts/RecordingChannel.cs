using System.Collections.Concurrent;
using TurbineConsole.Pipeline.Alerts;

namespace TurbineConsole.Tests.Core.Alerts;

/// <summary>A channel that keeps every message it is asked to deliver.</summary>
internal sealed class RecordingChannel(string name) : IAlertChannel
{
    /// <inheritdoc />
    public string Name => name;

    /// <summary>What it delivered, in order.</summary>
    public ConcurrentQueue<AlertMessage> Messages { get; } = new();

    /// <inheritdoc />
    public Task SendAsync(AlertMessage message, CancellationToken cancellationToken)
    {
        Messages.Enqueue(message);
        return Task.CompletedTask;
    }
}
