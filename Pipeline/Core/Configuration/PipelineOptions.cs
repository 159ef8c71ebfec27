namespace TurbineConsole.Pipeline.Configuration;

/// <summary>The <c>Pipeline</c> section of appsettings.json: backend, names, and the settings of every part.</summary>
public sealed class PipelineOptions
{
    /// <summary>The configuration section's name.</summary>
    public const string Section = "Pipeline";

    /// <summary>Where streams and tables live: <c>Embedded</c> (one SQLite file, the default) or <c>Aws</c>.</summary>
    public BackendKind Backend { get; set; } = BackendKind.Embedded;

    /// <summary>What this process runs: <c>All</c> (the default), <c>Web</c> or <c>Worker</c> (a cluster on the AWS backend).</summary>
    public ProcessRole Role { get; set; } = ProcessRole.All;

    /// <summary>The cluster's settings, for the Web and Worker roles.</summary>
    public ClusterOptions Cluster { get; set; } = new();

    /// <summary>Folder of the embedded backend's database, relative to the working directory unless absolute.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Stream names and shape.</summary>
    public StreamSettings Streams { get; set; } = new();

    /// <summary>Table names.</summary>
    public TableSettings Tables { get; set; } = new();

    /// <summary>The AnomalyDetection job's detector.</summary>
    public AnomalyDetectionOptions AnomalyDetection { get; set; } = new();

    /// <summary>The CalculateMaxSpeed job's windows.</summary>
    public MaxSpeedOptions MaxSpeed { get; set; } = new();

    /// <summary>How far a reading's time may be from its arrival before both jobs refuse it.</summary>
    public EventTimeOptions EventTime { get; set; } = new();

    /// <summary>How the jobs read and checkpoint.</summary>
    public JobRunnerOptions Jobs { get; set; } = new();

    /// <summary>How streams are fed to the functions (Lambda's event source mapping).</summary>
    public FunctionOptions Functions { get; set; } = new();

    /// <summary>How long results and dead letters are kept.</summary>
    public RetentionOptions Retention { get; set; } = new();

    /// <summary>The full path of the embedded database file.</summary>
    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), "turbineconsole.db");
}
