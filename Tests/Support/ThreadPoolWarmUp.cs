using System.Runtime.CompilerServices;

namespace TurbineConsole.Tests.Support;

/// <summary>
/// Gives the test process enough thread-pool threads from the start. bUnit's WaitForAssertion and a few disposals
/// block their thread while other tests run in parallel; on two cores the pool would otherwise grow by about one
/// thread every half second, and the pipelines, servers and channels under test would stall behind the blocked ones.
/// </summary>
internal static class ThreadPoolWarmUp
{
    [ModuleInitializer]
    internal static void Initialize()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));
    }
}
