namespace TurbineConsole.Pipeline.Embedded;

/// <summary>Wakes the pollers of one shard when a put adds records to it, so that they need not sleep between polls.</summary>
internal sealed class ShardSignal
{
    /// <summary>Completed (and replaced) at the next put; null while nobody waits.</summary>
    private TaskCompletionSource? _next;

    /// <summary>A task that completes at the next <see cref="Notify"/>.</summary>
    public Task NextAsync()
    {
        var current = Volatile.Read(ref _next);
        if (current is not null)
        {
            return current.Task;
        }

        var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return (Interlocked.CompareExchange(ref _next, created, null) ?? created).Task;
    }

    /// <summary>Wakes everyone waiting.</summary>
    public void Notify() => Interlocked.Exchange(ref _next, null)?.TrySetResult();
}
