package dev.boocontrol.sim.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Simulated GPU and host readings that follow what the simulator does. Per GPU:
 *
 * <ul>
 *   <li>{@code mem_used_mb = min(total, 300 + VRAM of the models loaded on it)}, {@code
 *       mem_util_pct = used / total * 100};
 *   <li>{@code gpu_util_pct} = {@code min(100, 15 + 40 * active)} minus 0..2 while requests run,
 *       else 0..3;
 *   <li>{@code power = idle + (limit - idle) * util / 100} plus up to half a watt of jitter;
 *   <li>temperature moves 40% of the way towards {@code 35 + 0.12 * power} on every sample; the fan
 *       stays at 30% up to 50 C, then rises 2.2% per degree.
 * </ul>
 *
 * The host gets per-core CPU load (one busy core per active request), memory that grows with the
 * loaded models, load averages that follow the active requests with 1/5/15-minute lags, and
 * cumulative network counters ({@code enp5s0}, {@code lo}) that always grow. Jitter comes from the
 * configured seed, so the same sequence of calls gives the same readings.
 */
public final class PerfModel {

  private static final String[] NET_INTERFACES = {"enp5s0", "lo"};

  private final SimConfig config;
  private final SplittableRandom random;
  private final double[] temperature;
  private final long[] netRecv;
  private final long[] netSent;
  private double load1;
  private double load5;
  private double load15;
  private Instant last;

  public PerfModel(SimConfig config) {
    this.config = config;
    this.random = new SplittableRandom(config.seed());
    this.temperature = new double[config.gpus().size()];
    for (int i = 0; i < temperature.length; i++) {
      temperature[i] = 35 + 0.12 * config.gpus().get(i).idleW();
    }
    this.netRecv = new long[] {90_000_000_000L + random.nextLong(5_000_000_000L), 0};
    this.netSent = new long[] {4_000_000_000L + random.nextLong(1_000_000_000L), 0};
    netRecv[1] = 2_000_000_000L + random.nextLong(500_000_000L);
    netSent[1] = netRecv[1];
    this.load1 = 0.3;
    this.load5 = 0.3;
    this.load15 = 0.3;
  }

  /**
   * Takes one reading at {@code at}.
   *
   * @param vramUsedMbByGpu VRAM held by loaded (or loading) models, by GPU index
   * @param activeRequestsByGpu requests being served, by GPU index
   */
  public synchronized Sample sample(
      Instant at,
      Map<Integer, Integer> vramUsedMbByGpu,
      Map<Integer, Integer> activeRequestsByGpu) {
    double dt = secondsSinceLast(at);
    last = at;
    int totalActive = 0;
    for (int n : activeRequestsByGpu.values()) {
      totalActive += Math.max(0, n);
    }
    int totalVram = 0;
    for (int n : vramUsedMbByGpu.values()) {
      totalVram += Math.max(0, n);
    }
    List<GpuSample> gpus = new ArrayList<>();
    for (GpuConfig gpu : config.gpus()) {
      gpus.add(
          gpuSample(
              at,
              gpu,
              vramUsedMbByGpu.getOrDefault(gpu.index(), 0),
              activeRequestsByGpu.getOrDefault(gpu.index(), 0)));
    }
    return new Sample(at, gpus, sysSample(at, dt, totalActive, totalVram));
  }

  private double secondsSinceLast(Instant at) {
    if (last == null) {
      return config.performanceEvery().toMillis() / 1000.0;
    }
    double dt = Duration.between(last, at).toMillis() / 1000.0;
    return Math.max(0, Math.min(3600, dt));
  }

  private GpuSample gpuSample(Instant at, GpuConfig gpu, int vramMb, int active) {
    int used = Math.min(gpu.vramMb(), 300 + Math.max(0, vramMb));
    double memUtil = (double) used / gpu.vramMb() * 100;
    double util =
        active > 0
            ? Math.max(0, Math.min(100, 15 + 40 * active) - random.nextInt(3))
            : random.nextInt(4);
    double power = gpu.idleW() + (gpu.powerLimitW() - gpu.idleW()) * util / 100;
    power = round2(clamp(power + random.nextDouble() - 0.5, 0, gpu.powerLimitW()));
    int i = gpu.index();
    temperature[i] += 0.4 * (35 + 0.12 * power - temperature[i]);
    double fan = Math.round(clamp(30 + Math.max(0, temperature[i] - 50) * 2.2, 30, 100));
    return new GpuSample(
        at,
        gpu.index(),
        gpu.name(),
        gpu.uuid(),
        (int) Math.round(temperature[i]),
        0,
        util,
        memUtil,
        used,
        gpu.vramMb(),
        fan,
        power);
  }

  private SysSample sysSample(Instant at, double dt, int active, int loadedVramMb) {
    List<Double> cpu = new ArrayList<>();
    for (int core = 0; core < config.system().cores(); core++) {
      double target = random.nextInt(5) + (core < active ? 30 + random.nextInt(15) : 0);
      int ticks = 99 + random.nextInt(3);
      long busy = Math.min(ticks, Math.round(target * ticks / 100));
      cpu.add(busy * 100.0 / ticks);
    }
    int total = config.system().memTotalMb();
    int used = (int) Math.round(total * 0.34 + loadedVramMb / 8.0 + random.nextInt(9) - 4);
    used = (int) clamp(used, 0, total);
    int free = (int) clamp((total - used) / 19 + random.nextInt(7) - 3, 0, total - used);

    double target = 0.3 + active;
    load1 += (target - load1) * (1 - Math.exp(-dt / 60));
    load5 += (target - load5) * (1 - Math.exp(-dt / 300));
    load15 += (target - load15) * (1 - Math.exp(-dt / 900));

    netRecv[0] += (long) (dt * (12_000 + 40_000 * active)) + 1 + random.nextInt(1000);
    netSent[0] += (long) (dt * (9_000 + 25_000 * active)) + 1 + random.nextInt(1000);
    long loopback = (long) (dt * (2_000 + 10_000 * active)) + 1 + random.nextInt(500);
    netRecv[1] += loopback;
    netSent[1] += loopback;
    List<NetIo> net = new ArrayList<>();
    for (int i = 0; i < NET_INTERFACES.length; i++) {
      net.add(new NetIo(NET_INTERFACES[i], netRecv[i], netSent[i]));
    }
    return new SysSample(
        at, cpu, total, used, free, 8191, 0, round2(load1), round2(load5), round2(load15), net);
  }

  private static double clamp(double v, double min, double max) {
    return Math.max(min, Math.min(max, v));
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  // ---- /metrics ----

  /** The {@code /metrics} body for the latest sample, as llama-swap's Prometheus writer. */
  public static String prometheus(Sample latest) {
    StringBuilder out = new StringBuilder(4096);
    SysSample s = latest.system();
    if (s != null) {
      header(out, "llamaswap_cpu_util_percent", "CPU utilization per core (0-100)", "gauge");
      for (int i = 0; i < s.cpuUtilPerCore().size(); i++) {
        out.append("llamaswap_cpu_util_percent{core=\"")
            .append(i)
            .append("\"} ")
            .append(GoFloat.g(s.cpuUtilPerCore().get(i)))
            .append('\n');
      }
      bytesMetric(out, "llamaswap_memory_total_bytes", "Total memory in bytes", s.memTotalMb());
      bytesMetric(out, "llamaswap_memory_used_bytes", "Used memory in bytes", s.memUsedMb());
      bytesMetric(out, "llamaswap_memory_free_bytes", "Free memory in bytes", s.memFreeMb());
      bytesMetric(out, "llamaswap_swap_total_bytes", "Total swap in bytes", s.swapTotalMb());
      bytesMetric(out, "llamaswap_swap_used_bytes", "Used swap in bytes", s.swapUsedMb());
      header(out, "llamaswap_load_average", "Load average", "gauge");
      loadLine(out, "1m", s.loadAvg1());
      loadLine(out, "5m", s.loadAvg5());
      loadLine(out, "15m", s.loadAvg15());
      if (!s.netIo().isEmpty()) {
        header(out, "llamaswap_network_bytes_total", "Total network bytes transferred", "counter");
        for (NetIo io : s.netIo()) {
          netLine(out, io.name(), "recv", io.bytesRecv());
          netLine(out, io.name(), "sent", io.bytesSent());
        }
      }
    }
    List<GpuSample> gpus = latest.gpus();
    if (!gpus.isEmpty()) {
      gpuMetric(out, gpus, "llamaswap_gpu_temperature_celsius", "GPU temperature in Celsius", 0);
      gpuMetric(
          out,
          gpus,
          "llamaswap_gpu_vram_temperature_celsius",
          "GPU VRAM temperature in Celsius",
          1);
      gpuMetric(out, gpus, "llamaswap_gpu_util_percent", "GPU utilization percent (0-100)", 2);
      gpuMetric(
          out,
          gpus,
          "llamaswap_gpu_memory_util_percent",
          "GPU memory utilization percent (0-100)",
          3);
      gpuMetric(out, gpus, "llamaswap_gpu_memory_used_bytes", "GPU memory used in bytes", 4);
      gpuMetric(out, gpus, "llamaswap_gpu_memory_total_bytes", "GPU memory total in bytes", 5);
      gpuMetric(out, gpus, "llamaswap_gpu_fan_speed_percent", "GPU fan speed percent (0-100)", 6);
      gpuMetric(out, gpus, "llamaswap_gpu_power_draw_watts", "GPU power draw in watts", 7);
    }
    return out.toString();
  }

  /** The {@code /metrics} 503 body. */
  public static final String PROMETHEUS_DISABLED = "# performance monitor not available\n";

  private static void header(StringBuilder out, String name, String help, String type) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void bytesMetric(StringBuilder out, String name, String help, int mb) {
    header(out, name, help, "gauge");
    out.append(name).append(' ').append((long) mb * 1024 * 1024).append('\n');
  }

  private static void loadLine(StringBuilder out, String interval, double value) {
    out.append("llamaswap_load_average{interval=\"")
        .append(interval)
        .append("\"} ")
        .append(GoFloat.g(value))
        .append('\n');
  }

  private static void netLine(StringBuilder out, String iface, String direction, long value) {
    out.append("llamaswap_network_bytes_total{interface=\"")
        .append(label(iface))
        .append("\",direction=\"")
        .append(direction)
        .append("\"} ")
        .append(Long.toUnsignedString(value))
        .append('\n');
  }

  private static void gpuMetric(
      StringBuilder out, List<GpuSample> gpus, String name, String help, int field) {
    header(out, name, help, "gauge");
    for (GpuSample g : gpus) {
      out.append(name).append("{id=\"").append(g.id()).append("\",name=\"").append(label(g.name()));
      if (g.uuid() != null && !g.uuid().isEmpty()) {
        out.append("\",uuid=\"").append(label(g.uuid()));
      }
      out.append("\"} ").append(GoFloat.g(gpuValue(g, field))).append('\n');
    }
  }

  private static double gpuValue(GpuSample g, int field) {
    double mb = 1024.0 * 1024.0;
    return switch (field) {
      case 0 -> g.tempC();
      case 1 -> g.vramTempC();
      case 2 -> g.gpuUtilPct();
      case 3 -> g.memUtilPct();
      case 4 -> g.memUsedMb() * mb;
      case 5 -> g.memTotalMb() * mb;
      case 6 -> g.fanSpeedPct();
      default -> g.powerDrawW();
    };
  }

  /** llama-swap's {@code sanitizeLabel}: escapes {@code "}, {@code \} and newline. */
  static String label(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  // ---- /api/hardware ----

  /** The {@code /api/hardware} snapshot of the simulated host ({@code capturedAt} = start time). */
  public static Hardware hardware(SimConfig config, Instant capturedAt) {
    int cores = config.system().cores();
    List<Hardware.Accelerator> accelerators = new ArrayList<>();
    for (GpuConfig gpu : config.gpus()) {
      String vendor = gpuVendor(gpu.name());
      accelerators.add(
          new Hardware.Accelerator(
              gpu.index(),
              "gpu",
              vendor,
              gpu.name(),
              gpuArchitecture(gpu.name()),
              new Hardware.AcceleratorMemory("dedicated", (long) gpu.vramMb() * 1024 * 1024),
              driver(vendor),
              gpu.powerLimitW()));
    }
    return new Hardware(
        1,
        capturedAt,
        new Hardware.CaptureInfo(
            "inference_host",
            "detected",
            new Hardware.Detector("llama-swap", config.sim().version())),
        new Hardware.Architecture("x86_64", "amd64"),
        new Hardware.OperatingSystem("linux", "ubuntu", "24.04", "6.8.0-79-generic"),
        new Hardware.Environment("container", "Docker", null),
        new Hardware.Cpu(
            "AuthenticAMD",
            cores == 8
                ? "AMD Ryzen 7 5800X 8-Core Processor"
                : "AMD EPYC " + cores + "-Core Processor",
            1,
            cores,
            cores),
        new Hardware.Memory((long) config.system().memTotalMb() * 1024 * 1024),
        accelerators);
  }

  static String gpuVendor(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.contains("nvidia") || n.contains("geforce") || n.contains("rtx") || n.contains("tesla")) {
      return "NVIDIA";
    }
    if (n.contains("amd") || n.contains("radeon") || n.contains("instinct")) {
      return "AMD";
    }
    if (n.contains("intel") || n.contains(" arc")) {
      return "Intel";
    }
    return null;
  }

  static String gpuArchitecture(String name) {
    String n = name.toUpperCase(Locale.ROOT);
    if (n.matches(".*RTX (PRO )?50\\d\\d.*|.*\\bB[12]00\\b.*")) {
      return "Blackwell";
    }
    if (n.matches(".*RTX 40\\d\\d.*|.*\\bL40S?\\b.*|.*\\bL4\\b.*|.*RTX \\d{4} ADA.*")) {
      return "Ada Lovelace";
    }
    if (n.matches(".*\\bH[12]00\\b.*")) {
      return "Hopper";
    }
    if (n.matches(".*RTX 30\\d\\d.*|.*\\bA(100|40|30|10|6000|5000|4000)\\b.*")) {
      return "Ampere";
    }
    if (n.matches(".*RTX 20\\d\\d.*|.*\\bT4\\b.*")) {
      return "Turing";
    }
    return null;
  }

  private static Hardware.Driver driver(String vendor) {
    if ("NVIDIA".equals(vendor)) {
      return new Hardware.Driver("NVIDIA", "575.64.03");
    }
    if ("AMD".equals(vendor)) {
      return new Hardware.Driver("amdgpu", null);
    }
    return null;
  }

  /** One performance tick: one reading per GPU (by index) and one for the host. */
  public record Sample(Instant timestamp, List<GpuSample> gpus, SysSample system) {

    public Sample {
      gpus = List.copyOf(gpus);
    }
  }
}
