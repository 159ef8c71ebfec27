namespace TurbineConsole.Tests.Support;

/// <summary>Waits, polling, for something that happens in the background.</summary>
internal static class Eventually
{
    /// <summary>Returns once <paramref name="condition"/> holds; fails naming <paramref name="what"/> after the timeout (30 s unless told).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(10);
        }
    }

    /// <summary>Returns once <paramref name="condition"/> holds; fails naming <paramref name="what"/> after the timeout (30 s unless told).</summary>
    public static Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, timeout);
}
