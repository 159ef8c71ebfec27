using TurbineConsole.Pipeline.Records;

namespace TurbineConsole.Pipeline.Simulation;

/// <summary>
/// Generates one of the lab's datasets, tick by tick: every turbine of every farm gives one reading per tick.
/// Wind per farm is a mean-reverting process around a slowly drifting, daily-cycling level (mostly 10-45 mph);
/// turbines add their own offset and gusts. The anomaly dataset injects single 70-110 mph spikes and farm-wide
/// sustained high-wind periods at positions drawn from the seed, and labels them; its first spike comes just after the
/// detectors' warm-up (<see cref="FirstSpikeTick"/>). Any dataset can follow a daily profile by event time
/// (<see cref="DatasetOptions.DailyProfile"/>) and carry scripted faults (<see cref="DatasetOptions.Faults"/>), which it
/// labels and lists with their readings (<see cref="GroundTruth"/>); a fault changes only what its turbine reports, so
/// every other reading stays as the seed gave it. Same seed, same readings.
/// </summary>
public sealed class WindDatasetGenerator
{
    /// <summary>How many distinct farm names there are.</summary>
    public const int MaxLocations = 24;

    /// <summary>
    /// Readings per location a detector takes in before it scores anything (the default
    /// <c>Pipeline:AnomalyDetection:OutputAfter</c>, one forest per location): scores stay 0 until then.
    /// </summary>
    public const int WarmUpReadingsPerLocation = 256;

    /// <summary>Ticks after the warm-up at which the anomaly dataset's first spike comes (at its first location).</summary>
    public const int FirstSpikeTicksAfterWarmUp = 10;

    /// <summary>The farm of the DIY dataset.</summary>
    public const string DiyLocation = "City";

    private static readonly string[] s_locations =
    [
        "Chicago", "Amarillo", "Cheyenne", "Tulsa", "Casper", "Dodge City", "Wichita", "Great Falls",
        "Lubbock", "Sioux Falls", "Bismarck", "Goodland", "Rapid City", "Oklahoma City", "Denver", "Boston",
        "Abilene", "Fargo", "Laramie", "Kansas City", "Lincoln", "Omaha", "Billings", "Pueblo",
    ];

    /// <summary>Every farm name the generator can use, in the order datasets take them (DIY's "City" is apart).</summary>
    public static IReadOnlyList<string> LocationNames => s_locations;

    private readonly WindDataset _dataset;
    private readonly DatasetOptions _options;
    private readonly FarmSimulation[] _farms;
    private readonly string _tag;

    /// <summary>A generator positioned before the first tick.</summary>
    public WindDatasetGenerator(WindDataset dataset, DatasetOptions? options = null)
    {
        _options = options ?? new DatasetOptions();
        _options.Validate();
        _dataset = dataset;
        _tag = dataset.Tag();
        var farms = FarmsOf(dataset, _options.Locations, _options.TurbinesPerLocation);
        if (FaultFields.Error(_options.Faults, _options.DailyProfile, farms) is { } faultError)
            throw new ArgumentException(faultError);
        _farms = farms.Select((farm, i) => new FarmSimulation(
            farm,
            new Random(unchecked(_options.Seed * 7919 + i * 104729 + 17)),
            injectEvents: dataset == WindDataset.Anomaly,
            firstSpikeTick: i == 0 ? FirstSpikeTick(_options.TurbinesPerLocation) : null,
            earliestSpikeTick: FirstSpikeTick(_options.TurbinesPerLocation))).ToArray();
        Farms = farms;
        var injected = new List<InjectedFault>();
        foreach (var fault in _options.Faults)
        {
            var f = Array.FindIndex(_farms, s => s.Farm.Location == fault.Location);
            var turbines = fault.Kind == FaultKind.GustFront
                ? Enumerable.Range(0, farms[f].Turbines.Count)
                : [farms[f].Turbines.ToList().IndexOf(fault.Turbine!)];
            foreach (var t in turbines)
            {
                var order = fault.Kind == FaultKind.GustFront ? t : 0;
                var truth = Injected(fault, farms[f].Turbines[t], fault.Start + fault.Delay * order);
                injected.Add(truth);
                _farms[f].Script(t, fault, truth);
            }
        }
        GroundTruth = injected;
    }

    /// <summary>
    /// The farms and turbines a dataset of <paramref name="locations"/> locations (the DIY dataset has one, "City")
    /// and <paramref name="turbinesPerLocation"/> turbines each simulates, without generating anything.
    /// </summary>
    public static IReadOnlyList<WindFarm> FarmsOf(WindDataset dataset, int locations, int turbinesPerLocation)
    {
        var names = dataset == WindDataset.Diy ? [DiyLocation] : s_locations.Take(Math.Clamp(locations, 0, MaxLocations)).ToArray();
        return names.Select(name => new WindFarm(name, TurbineIds(name, Math.Max(0, turbinesPerLocation)))).ToArray();
    }

    /// <summary>
    /// Where the scripted faults are: one entry per faulted turbine, in the order of the script (a gust front's turbines
    /// in the order the front reaches them), with the readings each changes.
    /// </summary>
    public IReadOnlyList<InjectedFault> GroundTruth { get; }

    /// <summary>The readings a fault starting <paramref name="start"/> after the first tick changes at one turbine: the ticks stamped in its window.</summary>
    private InjectedFault Injected(ScriptedFault fault, string turbine, TimeSpan start)
    {
        var interval = _options.TickInterval.Ticks;
        var first = (start.Ticks + interval - 1) / interval;
        var endExclusive = (start.Ticks + fault.Duration.Ticks + interval - 1) / interval;
        var from = _options.StartTime + start;
        return new InjectedFault(fault.Kind, fault.Location, turbine, from, from + fault.Duration, first, endExclusive - 1);
    }

    /// <summary>
    /// The tick of the anomaly dataset's first spike, at its first location: <see cref="FirstSpikeTicksAfterWarmUp"/>
    /// ticks after the location's detector is warm (<see cref="WarmUpReadingsPerLocation"/> readings, one per turbine a
    /// tick), so that a demo shows a scored spike soon after Start. The other locations' first spikes come at random
    /// later, never before this tick; every later spike follows the one before it by 150 to 350 ticks.
    /// </summary>
    public static long FirstSpikeTick(int turbinesPerLocation) =>
        ((WarmUpReadingsPerLocation + turbinesPerLocation - 1) / turbinesPerLocation) + FirstSpikeTicksAfterWarmUp;

    /// <summary>The farms and turbines this dataset simulates.</summary>
    public IReadOnlyList<WindFarm> Farms { get; }

    /// <summary>How many readings one tick gives.</summary>
    public int ReadingsPerTick => _farms.Length * _options.TurbinesPerLocation;

    /// <summary>Ticks generated so far.</summary>
    public long Tick { get; private set; }

    /// <summary>Readings of the next tick, farm by farm, turbine by turbine; each turbine's <c>seq</c> equals the tick number.</summary>
    public IReadOnlyList<SimulatedReading> NextTick()
    {
        var time = _options.StartTime + _options.TickInterval * Tick;
        var readings = new SimulatedReading[ReadingsPerTick];
        var n = 0;
        var profile = _options.DailyProfile.OffsetMph(time);
        foreach (var farm in _farms)
        {
            farm.Advance(Tick, profile);
            for (var t = 0; t < farm.Farm.Turbines.Count; t++)
            {
                var (speed, kind) = farm.TurbineSpeed(t);
                var (sent, fault) = farm.ApplyFaults(t, Tick, time, Math.Round(speed, 2));
                readings[n++] = new SimulatedReading(
                    new WindReading(farm.Farm.Location, farm.Farm.Turbines[t], sent, time, Tick, _tag), kind, fault);
            }
        }
        Tick++;
        return readings;
    }

    /// <summary>The readings of the next <paramref name="ticks"/> ticks, in order.</summary>
    public IEnumerable<SimulatedReading> Take(long ticks)
    {
        for (long i = 0; i < ticks; i++)
        {
            foreach (var r in NextTick())
                yield return r;
        }
    }

    private static string[] TurbineIds(string location, int count)
    {
        var prefix = new string(location.Where(char.IsLetter).Take(3).ToArray()).ToUpperInvariant();
        if (location.Contains(' '))
            prefix = string.Concat(location.Split(' ').Select(w => char.ToUpperInvariant(w[0]))) + prefix[^1..];
        return Enumerable.Range(1, count).Select(i => $"{prefix}-{i:D2}").ToArray();
    }

    /// <summary>The wind of one farm: its level, its turbines and its schedule of injected events.</summary>
    private sealed class FarmSimulation
    {
        private const double DailyTicks = 1440;
        private readonly Random _random;
        private readonly bool _injectEvents;
        private readonly double _baseLevel;
        private readonly double _phase;
        private readonly double[] _turbineOffset;
        private double _drift;
        private double _wind;
        private long _nextSpikeTick;
        private int _spikeTurbine = -1;
        private long _sustainedStart;
        private long _sustainedEnd;
        private double _sustainedLevel;
        private bool _inSustained;

        /// <summary>The scripted faults per turbine, or null where there are none.</summary>
        private List<Scripted>?[]? _faults;

        /// <summary>What each turbine reported at the last tick (kept only when the farm has scripted faults).</summary>
        private double[]? _lastSent;

        public FarmSimulation(WindFarm farm, Random random, bool injectEvents, long? firstSpikeTick, long earliestSpikeTick)
        {
            Farm = farm;
            _random = random;
            _injectEvents = injectEvents;
            _baseLevel = 20 + random.NextDouble() * 10;
            _phase = random.NextDouble() * 2 * Math.PI;
            _turbineOffset = farm.Turbines.Select(_ => (random.NextDouble() - 0.5) * 3).ToArray();
            _wind = _baseLevel;
            // The draw is made for every farm, so that the rest of each farm's readings stay as the seed gave them.
            _nextSpikeTick = Math.Max(150 + random.Next(0, 200), earliestSpikeTick);
            _nextSpikeTick = firstSpikeTick ?? _nextSpikeTick;
            _sustainedStart = 600 + random.Next(0, 600);
            _sustainedEnd = _sustainedStart + 15 + random.Next(0, 16);
        }

        public WindFarm Farm { get; }

        /// <summary>Adds a scripted fault at turbine <paramref name="turbine"/>, at the readings of <paramref name="truth"/>.</summary>
        public void Script(int turbine, ScriptedFault fault, InjectedFault truth)
        {
            _faults ??= new List<Scripted>[Farm.Turbines.Count];
            (_faults[turbine] ??= []).Add(new Scripted(fault, truth));
            _lastSent ??= new double[Farm.Turbines.Count];
        }

        /// <summary>
        /// The speed turbine <paramref name="turbine"/> reports at <paramref name="tick"/> when its wind is
        /// <paramref name="speed"/>, after the scripted faults active there, and the last of those faults (or null).
        /// </summary>
        public (double Speed, FaultKind? Fault) ApplyFaults(int turbine, long tick, DateTimeOffset time, double speed)
        {
            if (_faults?[turbine] is not { } scripted)
                return (speed, null);
            FaultKind? applied = null;
            foreach (var s in scripted)
            {
                var truth = s.Truth;
                if (tick == truth.FirstSeq)
                    // A stuck sensor repeats what it reported last (its first reading when the fault starts with the run).
                    s.Frozen = tick == 0 ? speed : _lastSent![turbine];
                if (tick < truth.FirstSeq || tick > truth.LastSeq)
                    continue;
                var elapsed = time - truth.From;
                speed = s.Fault.Kind switch
                {
                    FaultKind.StuckSensor => s.Frozen,
                    FaultKind.DriftingSensor => Math.Max(0, speed + s.Fault.Drift * elapsed.TotalMinutes),
                    _ => speed + s.Fault.Gust * (1 - elapsed / s.Fault.Duration),
                };
                speed = Math.Round(speed, 2);
                applied = s.Fault.Kind;
            }
            _lastSent![turbine] = speed;
            return (speed, applied);
        }

        /// <summary>One scripted fault at one turbine: the script, its readings and, for a stuck sensor, the value it repeats.</summary>
        private sealed class Scripted(ScriptedFault fault, InjectedFault truth)
        {
            public ScriptedFault Fault { get; } = fault;

            public InjectedFault Truth { get; } = truth;

            public double Frozen { get; set; }
        }

        /// <summary>Moves the farm's wind to <paramref name="tick"/> and draws the anomaly dataset's events there.</summary>
        /// <param name="tick">The tick.</param>
        /// <param name="profileMph">What the daily profile adds to the wind level at the tick's time.</param>
        public void Advance(long tick, double profileMph)
        {
            _drift = Math.Clamp(_drift + Gaussian() * 0.05, -5, 5);
            var level = _baseLevel + _drift + profileMph + 6 * Math.Sin(2 * Math.PI * tick / DailyTicks + _phase);
            _wind += 0.05 * (level - _wind) + 1.2 * Gaussian();
            _wind = Math.Clamp(_wind, 3, 50);
            _spikeTurbine = -1;
            if (!_injectEvents)
                return;
            _inSustained = tick >= _sustainedStart && tick < _sustainedEnd;
            if (tick == _sustainedStart)
                _sustainedLevel = 56 + _random.NextDouble() * 6;
            if (tick == _sustainedEnd)
            {
                _sustainedStart = tick + 600 + _random.Next(0, 600);
                _sustainedEnd = _sustainedStart + 15 + _random.Next(0, 16);
            }
            if (tick >= _nextSpikeTick && !_inSustained && tick + 40 < _sustainedStart)
            {
                _spikeTurbine = _random.Next(Farm.Turbines.Count);
                _nextSpikeTick = tick + 150 + _random.Next(0, 200);
            }
        }

        public (double Speed, SevereEventKind Kind) TurbineSpeed(int turbine)
        {
            var gust = _random.NextDouble() < 0.02 ? 3 + _random.NextDouble() * 5 : 0;
            var normal = Math.Max(0, _wind + _turbineOffset[turbine] + 1.2 * Gaussian() + gust);
            if (turbine == _spikeTurbine)
                return (70 + _random.NextDouble() * 40, SevereEventKind.Spike);
            if (_inSustained)
                return (_sustainedLevel + 2 * Gaussian() + (normal - _wind), SevereEventKind.SustainedHighWind);
            return (normal, SevereEventKind.None);
        }

        private double Gaussian()
        {
            var u1 = 1.0 - _random.NextDouble();
            var u2 = _random.NextDouble();
            return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
    }
}
