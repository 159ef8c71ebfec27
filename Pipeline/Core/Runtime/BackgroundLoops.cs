namespace TurbineConsole.Pipeline.Runtime;

/// <summary>Loops that run until stopped together: each gets the same token, and stopping waits for all of them.</summary>
public sealed class BackgroundLoops : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];

    /// <summary>True once a loop was started.</summary>
    public bool Started
    {
        get
        {
            lock (_running)
                return _running.Count > 0;
        }
    }

    /// <summary>Starts a loop with the shared stop token (safe to call while another thread stops them).</summary>
    public void Start(Func<CancellationToken, Task> loop)
    {
        var task = loop(_stop.Token);
        lock (_running)
            _running.Add(task);
    }

    /// <summary>Cancels every loop and waits until all have ended.</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
            await _stop.CancelAsync();
        Task[] running;
        lock (_running)
            running = [.. _running];
        try
        {
            await Task.WhenAll(running);
        }
        catch (OperationCanceledException)
        {
        }
        lock (_running)
            _running.Clear();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}
