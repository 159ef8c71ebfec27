namespace TurbineConsole.Simulator.Web.Components;

/// <summary>
/// Renders a component for changes that arrive on background threads at most once per interval, and always after the
/// last change: a change that comes within the interval after a render is shown at the end of the interval, never
/// dropped until some later change (which, at a low rate, may be seconds away).
/// </summary>
/// <param name="interval">Shortest time between two renders.</param>
/// <param name="clock">The clock that measures it.</param>
/// <param name="render">Renders the component (through its dispatcher).</param>
/// <param name="delay">Waits for a time (a test passes its own); by default <see cref="Task.Delay(TimeSpan, TimeProvider)"/> on <paramref name="clock"/>.</param>
internal sealed class RenderThrottle(TimeSpan interval, TimeProvider clock, Func<Task> render, Func<TimeSpan, Task>? delay = null)
{
    private readonly Func<TimeSpan, Task> _delay = delay ?? (wait => Task.Delay(wait, clock));

    /// <summary>UTC ticks of the last render's start; 0 before the first.</summary>
    private long _lastRenderTicks;

    /// <summary>1 while a render is on its way: it will show every change made before it starts.</summary>
    private int _scheduled;

    /// <summary>Asks for a render: now, when the last one is at least an interval old, or at the end of the interval.</summary>
    public void Request()
    {
        if (Interlocked.Exchange(ref _scheduled, 1) == 1)
            return;
        _ = RenderSoonAsync();
    }

    private async Task RenderSoonAsync()
    {
        try
        {
            var wait = interval - TimeSpan.FromTicks(clock.GetUtcNow().UtcTicks - Interlocked.Read(ref _lastRenderTicks));
            if (wait > TimeSpan.Zero)
                await _delay(wait);
            // Cleared before the render reads the state: a change after this point asks for the next render.
            Volatile.Write(ref _scheduled, 0);
            Interlocked.Exchange(ref _lastRenderTicks, clock.GetUtcNow().UtcTicks);
            await render();
        }
        catch (ObjectDisposedException)
        {
            // The component's circuit ended while the render waited.
        }
    }
}
