using System.Net;
using System.Net.Sockets;

namespace TurbineConsole.Tests.Support;

/// <summary>Free loopback ports for servers the tests start; Benchmarks compiles this file too, for its own servers.</summary>
internal static class FreePort
{
    /// <summary>A TCP port nobody listens on right now.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
