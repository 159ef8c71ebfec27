using System.Globalization;
using TurbineConsole.Tests.Aws;

namespace TurbineConsole.Tests.Faults;

/// <summary>
/// The fault tests: each drives the built web app as its own process through kills and outages. They run one after
/// the other and alone, after every other collection (xunit runs collections that disable parallelization last), so
/// their recovery times are not another test's load and the AWS credentials they set in the environment cannot
/// clash with the AWS collection's.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultCollection : ICollectionFixture<FaultFixture>
{
    public const string Name = "Faults";
}

/// <summary>
/// What every fault test shares: the seed of its random moments (<c>TURBINECONSOLE_FAULT_SEED</c> replays a run),
/// fresh data directories (deleted at the end), the local servers' folder, and the fake AWS credentials the in-test
/// clients and the app's processes use.
/// </summary>
public sealed class FaultFixture : IDisposable
{
    private readonly List<string> _directories = [];
    private readonly EnvironmentScope _environment = new(LocalAwsServers.FakeEnvironment);

    public FaultFixture()
    {
        var fixedSeed = Environment.GetEnvironmentVariable("TURBINECONSOLE_FAULT_SEED");
        Seed = fixedSeed is null ? Random.Shared.Next() : int.Parse(fixedSeed, CultureInfo.InvariantCulture);
    }

    /// <summary>The seed of the random moments; every test prints it.</summary>
    public int Seed { get; }

    /// <summary>The fake AWS environment for the app's process.</summary>
    public static IReadOnlyDictionary<string, string?> AwsEnvironment { get; } = LocalAwsServers.FakeEnvironment.ToDictionary(v => v.Name, v => v.Value);

    /// <summary>A new empty folder, deleted when the tests end.</summary>
    public string NewDirectory()
    {
        var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "turbineconsole-faults-" + Guid.NewGuid().ToString("N"))).FullName;
        lock (_directories)
            _directories.Add(directory);
        return directory;
    }

    public void Dispose()
    {
        _environment.Dispose();
        foreach (var directory in _directories)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
