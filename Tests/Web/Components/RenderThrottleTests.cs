using TurbineConsole.Simulator.Web.Components;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Web.Components;

/// <summary>Renders for background changes, at most once per interval and always after the last change; the waits are the test's own.</summary>
public sealed class RenderThrottleTests
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(250);

    private readonly ManualTimeProvider _clock = new();
    private readonly List<TimeSpan> _waits = [];
    private readonly TaskCompletionSource _waited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _renders;

    [Fact]
    public void The_first_change_renders_at_once()
    {
        var throttle = NewThrottle();

        throttle.Request();

        Assert.Equal(1, Volatile.Read(ref _renders));
        Assert.Empty(_waits);
    }

    [Fact]
    public async Task A_change_soon_after_a_render_is_rendered_at_the_end_of_the_interval_not_dropped()
    {
        var throttle = NewThrottle();
        throttle.Request();
        _clock.Advance(TimeSpan.FromMilliseconds(100));

        throttle.Request();
        throttle.Request();

        // Nothing more comes: the second and third changes still get their render, one for both, when the interval ends.
        Assert.Equal(1, Volatile.Read(ref _renders));
        Assert.Equal([TimeSpan.FromMilliseconds(150)], _waits);
        _waited.SetResult();
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref _renders) == 2, "the waiting change was rendered");
        Assert.Equal(2, Volatile.Read(ref _renders));
    }

    [Fact]
    public void A_change_an_interval_after_the_last_render_renders_at_once()
    {
        var throttle = NewThrottle();
        throttle.Request();
        _clock.Advance(s_interval);

        throttle.Request();

        Assert.Equal(2, Volatile.Read(ref _renders));
        Assert.Empty(_waits);
    }

    private RenderThrottle NewThrottle() => new(s_interval, _clock, () =>
    {
        Interlocked.Increment(ref _renders);
        return Task.CompletedTask;
    }, wait =>
    {
        _waits.Add(wait);
        return _waited.Task;
    });
}
