using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TurbineConsole.Tests.Faults;

/// <summary>
/// kinesalite (in memory) and dynalite keeping its data on disk (<c>--path</c>), each in its own process, so that a
/// fault test can kill dynalite and start it again on the same port with the same data, as a DynamoDB outage that
/// ends. Both are killed at the end. Benchmarks compiles this file too.
/// </summary>
internal sealed class LocalAwsProcesses : IDisposable
{
    private readonly string _folder = Support.LocalServersFolder.Find();
    private readonly string _dynamoDbPath;
    private readonly int _dynamoDbPort = Support.FreePort.Next();
    private readonly StringBuilder _output = new();
    private Process? _kinesalite;
    private Process? _dynalite;

    private LocalAwsProcesses(string dataDirectory)
    {
        _dynamoDbPath = Directory.CreateDirectory(Path.Combine(dataDirectory, "dynalite")).FullName;
        DynamoDbUrl = new Uri($"http://127.0.0.1:{_dynamoDbPort}/");
    }

    public Uri KinesisUrl { get; private set; } = null!;

    public Uri DynamoDbUrl { get; }

    /// <summary>What both servers wrote.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Starts both servers, dynalite's data in <paramref name="dataDirectory"/>/dynalite.</summary>
    public static async Task<LocalAwsProcesses> StartAsync(string dataDirectory)
    {
        var servers = new LocalAwsProcesses(dataDirectory);
        if (!File.Exists(Path.Combine(servers._folder, "node_modules", "dynalite", "cli.js")))
            throw new InvalidOperationException($"kinesalite and dynalite are not installed: run `npm ci` in {servers._folder} (./test.sh does).");
        var kinesisPort = Support.FreePort.Next();
        servers.KinesisUrl = new Uri($"http://127.0.0.1:{kinesisPort}/");
        servers._kinesalite = servers.Start("kinesalite.js", kinesisPort.ToString(CultureInfo.InvariantCulture));
        await servers.WaitUntilAnsweringAsync(kinesisPort, servers._kinesalite);
        await servers.StartDynaliteAsync();
        return servers;
    }

    /// <summary>Starts dynalite on its port with its data folder (again, after <see cref="KillDynalite"/>).</summary>
    public async Task StartDynaliteAsync()
    {
        _dynalite?.Dispose();
        _dynalite = Start(Path.Combine("node_modules", "dynalite", "cli.js"), "--host", "127.0.0.1", "--port", _dynamoDbPort.ToString(CultureInfo.InvariantCulture),
            "--path", _dynamoDbPath, "--createTableMs", "50", "--deleteTableMs", "50", "--updateTableMs", "50");
        await WaitUntilAnsweringAsync(_dynamoDbPort, _dynalite);
    }

    /// <summary>Kills dynalite at once (SIGKILL): every DynamoDB call is refused until it is started again.</summary>
    public void KillDynalite()
    {
        _dynalite!.Kill(entireProcessTree: true);
        _dynalite.WaitForExit();
    }

    public void Dispose()
    {
        foreach (var process in new[] { _kinesalite, _dynalite })
        {
            if (process is null)
                continue;
            try
            {
                if (!process.HasExited)
                    process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
            }

            process.Dispose();
        }
    }

    private Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = _folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    private async Task WaitUntilAnsweringAsync(int port, Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (SocketException e)
            {
                throw new InvalidOperationException($"The local server on port {port} did not start: {e.Message}\n{Output}");
            }
        }
    }
}
