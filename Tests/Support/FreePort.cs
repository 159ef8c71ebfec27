using System.Net;
using System.Net.Sockets;

namespace TurbineConsole.Tests.Support;

/// <summary>Free loopback ports for servers the tests start.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
