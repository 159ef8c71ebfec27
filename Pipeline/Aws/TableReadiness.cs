namespace TurbineConsole.Pipeline.Aws;

/// <summary>
/// Creates a store's own table on first use, once: later calls return at once; a failed attempt (an endpoint that is
/// down, say) is tried again by the next call instead of being remembered.
/// </summary>
internal sealed class TableReadiness(Func<CancellationToken, Task> ensure)
{
    /// <summary>Lets one caller create the table while the others wait.</summary>
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>True once the table is known to exist.</summary>
    private volatile bool _ready;

    /// <summary>Returns when the table exists, creating it first if needed.</summary>
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_ready)
            {
                await ensure(cancellationToken);
                _ready = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
