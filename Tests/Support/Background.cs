using TurbineConsole.Pipeline.Runtime;

namespace TurbineConsole.Tests.Support;

/// <summary>Runs a consumer's or dispatcher's loop in the background for a test.</summary>
internal static class Background
{
    /// <summary>Starts <paramref name="loop"/>; disposing what it returns cancels the loop and waits for it to end.</summary>
    public static BackgroundLoops Run(Func<CancellationToken, Task> loop)
    {
        var loops = new BackgroundLoops();
        loops.Start(loop);
        return loops;
    }
}
