using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using TurbineConsole.Pipeline.Aws;

namespace TurbineConsole.Tests.Aws;

/// <summary>
/// kinesalite (Kinesis) and dynalite (DynamoDB), in memory on free loopback ports, for the AWS adapter tests; fake
/// credentials and a region are set in the environment so that the AWS default chain finds them. Both servers are
/// killed when the tests end. Needs <c>npm ci</c> in Tests/LocalServers (test.sh runs it).
/// </summary>
public sealed class LocalAwsServers : IAsyncLifetime
{
    /// <summary>The fake credentials and region, as the default chain reads them.</summary>
    public static readonly (string Name, string? Value)[] FakeEnvironment =
    [
        ("AWS_ACCESS_KEY_ID", "AKIDLOCALTESTS"),
        ("AWS_SECRET_ACCESS_KEY", "local-tests-secret"),
        ("AWS_SESSION_TOKEN", null),
        ("AWS_REGION", "us-east-1"),
        ("AWS_EC2_METADATA_DISABLED", "true"),
    ];

    private readonly List<Process> _processes = [];
    private readonly StringBuilder _output = new();
    private EnvironmentScope? _environment;

    public Uri KinesisUrl { get; private set; } = null!;

    public Uri DynamoDbUrl { get; private set; } = null!;

    /// <summary>One Kinesis client for every test.</summary>
    public KinesisStreamClient Streams { get; private set; } = null!;

    /// <summary>One DynamoDB table store for every test.</summary>
    public DynamoDbTableStore Tables { get; private set; } = null!;

    /// <summary>Settings pointing at the two servers (region and credentials from the environment).</summary>
    public AwsOptions Options() => new()
    {
        KinesisServiceUrl = KinesisUrl.ToString(),
        DynamoDbServiceUrl = DynamoDbUrl.ToString(),
        RequestTimeout = TimeSpan.FromSeconds(20),
        MaxRetryAttempts = 3,
        ResourceWaitTimeout = TimeSpan.FromSeconds(30),
    };

    public async Task InitializeAsync()
    {
        _environment = new EnvironmentScope(FakeEnvironment);
        var folder = FindLocalServers();
        if (!File.Exists(Path.Combine(folder, "node_modules", "kinesalite", "package.json")) || !File.Exists(Path.Combine(folder, "node_modules", "dynalite", "cli.js")))
            throw new InvalidOperationException($"kinesalite and dynalite are not installed: run `npm ci` in {folder} (./test.sh does).");

        var kinesisPort = Support.FreePort.Next();
        var dynamoPort = Support.FreePort.Next();
        Start(folder, "kinesalite.js", kinesisPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Start(folder, Path.Combine("node_modules", "dynalite", "cli.js"),
            "--host", "127.0.0.1", "--port", dynamoPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--createTableMs", "50", "--deleteTableMs", "50", "--updateTableMs", "50");
        KinesisUrl = new Uri($"http://127.0.0.1:{kinesisPort}/");
        DynamoDbUrl = new Uri($"http://127.0.0.1:{dynamoPort}/");
        await Task.WhenAll(WaitUntilAnsweringAsync(kinesisPort), WaitUntilAnsweringAsync(dynamoPort));
        // A port taken meanwhile by another test's server answers too, while our server exits (EADDRINUSE): say so now.
        await Task.Delay(300);
        if (_processes.FirstOrDefault(p => p.HasExited) is { } exited)
        {
            string output;
            lock (_output)
                output = _output.ToString();
            throw new InvalidOperationException($"A local AWS server exited right after its start (code {exited.ExitCode}), its port probably taken: {output}");
        }
        Streams = new KinesisStreamClient(Options());
        Tables = new DynamoDbTableStore(Options());
    }

    public Task DisposeAsync()
    {
        Streams?.Dispose();
        foreach (var process in _processes)
        {
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
        _environment?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The folder with package.json of the local servers, found from the test binaries upwards.</summary>
    public static string FindLocalServers() => Support.LocalServersFolder.Find();

    private void Start(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
    }

    private async Task WaitUntilAnsweringAsync(int port)
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
            catch (SocketException) when (DateTime.UtcNow < deadline && _processes.All(p => !p.HasExited))
            {
                await Task.Delay(100);
            }
            catch (SocketException e)
            {
                string output;
                lock (_output)
                    output = _output.ToString();
                throw new InvalidOperationException($"The local server on port {port} did not start: {e.Message}\n{output}");
            }
        }
    }
}
