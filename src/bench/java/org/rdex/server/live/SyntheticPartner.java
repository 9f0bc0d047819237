package org.rdex.server.live;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.rdex.server.common.Secrets;
import org.rdex.server.model.GreatCircle;
import org.rdex.server.protocol.rdex12.Rdex12Signer;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.MultiMap;

/**
 * A synthetic partner for the live-search benchmark, on loopback: {@code count} punctual journeys between the
 * benchmark towns held in memory (arrays, indexed by departure cell), answering RDEX 1.2 {@code /rdex/journeys}
 * (signature checked) or standard-covoiturage {@code /standard/v1/driver_journeys|passenger_journeys}
 * ({@code X-API-Key} checked) with the journeys within the radii, dates and window asked, {@code count} at most.
 * Not our server: it stands for a partner that answers as fast as its own index allows.
 */
final class SyntheticPartner implements AutoCloseable {

    private final boolean rdex12;
    private final String secret;
    private final ZoneId zone;
    private final float[] fromLat;
    private final float[] fromLon;
    private final float[] toLat;
    private final float[] toLon;
    private final int[] day;
    private final short[] minute;
    private final Map<Integer, int[]> cells = new HashMap<>();
    private HttpServer server;

    SyntheticPartner(boolean rdex12, String secret, int count, double[][] towns, long seed, ZoneId zone) {
        this.rdex12 = rdex12;
        this.secret = secret;
        this.zone = zone;
        fromLat = new float[count];
        fromLon = new float[count];
        toLat = new float[count];
        toLon = new float[count];
        day = new int[count];
        minute = new short[count];
        SplittableRandom random = new SplittableRandom(seed);
        int today = (int) LocalDate.now().toEpochDay();
        Map<Integer, Integer> sizes = new HashMap<>();
        int[] cellOf = new int[count];
        for (int i = 0; i < count; i++) {
            double[] a = towns[random.nextInt(towns.length)];
            double[] b = towns[random.nextInt(towns.length)];
            fromLat[i] = (float) (a[0] + (random.nextDouble() - 0.5) * 0.1);
            fromLon[i] = (float) (a[1] + (random.nextDouble() - 0.5) * 0.1);
            toLat[i] = (float) (b[0] + (random.nextDouble() - 0.5) * 0.1);
            toLon[i] = (float) (b[1] + (random.nextDouble() - 0.5) * 0.1);
            day[i] = today + 1 + random.nextInt(30);
            minute[i] = (short) (6 * 60 + random.nextInt(14 * 60));
            cellOf[i] = cell(fromLat[i], fromLon[i]);
            sizes.merge(cellOf[i], 1, Integer::sum);
        }
        Map<Integer, Integer> fill = new HashMap<>();
        sizes.forEach((c, n) -> cells.put(c, new int[n]));
        for (int i = 0; i < count; i++) {
            int at = fill.merge(cellOf[i], 1, Integer::sum) - 1;
            cells.get(cellOf[i])[at] = i;
        }
    }

    int start(Vertx vertx) throws Exception {
        server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1").toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        return server.actualPort();
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private void handle(HttpServerRequest request) {
        try {
            String body = rdex12 ? rdex12(request) : standard(request);
            if (body == null) {
                request.response().setStatusCode(401).end("{\"error\":\"unauthorized\"}");
            } else {
                request.response().putHeader("Content-Type", "application/json").end(body);
            }
        } catch (RuntimeException e) {
            request.response().setStatusCode(400).end("{\"error\":\"bad request\"}");
        }
    }

    private String rdex12(HttpServerRequest request) {
        String uri = request.uri();
        int at = uri.lastIndexOf("&signature=");
        if (at < 0 || !Secrets.constantTimeEquals(uri.substring(at + 11),
                Rdex12Signer.sign("http://" + request.getHeader("Host") + uri.substring(0, at), secret))) {
            return null;
        }
        MultiMap q = request.params();
        double fLat = Double.parseDouble(q.get("p[from][latitude]"));
        double fLon = Double.parseDouble(q.get("p[from][longitude]"));
        double tLat = Double.parseDouble(q.get("p[to][latitude]"));
        double tLon = Double.parseDouble(q.get("p[to][longitude]"));
        int minDay = (int) LocalDate.parse(q.get("p[outward][mindate]")).toEpochDay();
        int maxDay = (int) LocalDate.parse(q.get("p[outward][maxdate]")).toEpochDay();
        int lo = 0;
        int hi = 24 * 60;
        for (String name : q.names()) {
            if (name.endsWith("[mintime]")) {
                lo = LocalTime.parse(q.get(name)).toSecondOfDay() / 60;
                hi = LocalTime.parse(q.get(name.replace("[mintime]", "[maxtime]"))).toSecondOfDay() / 60;
                break;
            }
        }
        StringBuilder out = new StringBuilder(8192).append('[');
        int n = 0;
        for (int i : matches(fLat, fLon, tLat, tLon, 10, 10, minDay, maxDay, lo, hi, 20)) {
            if (i < 0) {
                break;
            }
            LocalDate date = LocalDate.ofEpochDay(day[i]);
            String dayName = date.getDayOfWeek().name().toLowerCase();
            String min = LocalTime.ofSecondOfDay(Math.max(0, minute[i] - 15) * 60L).toString();
            String max = LocalTime.ofSecondOfDay(Math.min(24 * 60 - 1, minute[i] + 15) * 60L).toString();
            out.append(n++ == 0 ? "" : ",").append("{\"journeys\":{\"uuid\":\"syn-").append(i)
                    .append("\",\"operator\":\"synthetic\",\"origin\":\"synthetic.example.org\",\"url\":null,")
                    .append("\"driver\":{\"uuid\":\"").append(i).append("\",\"alias\":\"driver ").append(i)
                    .append("\",\"image\":null,\"gender\":\"female\",\"seats\":3,\"state\":1},")
                    .append("\"passenger\":{\"uuid\":\"").append(i).append("\",\"alias\":\"driver ").append(i)
                    .append("\",\"image\":null,\"gender\":\"female\",\"persons\":0,\"state\":0},")
                    .append("\"from\":{\"address\":null,\"city\":\"A\",\"postalcode\":null,\"country\":\"France\",\"latitude\":")
                    .append(fromLat[i]).append(",\"longitude\":").append(fromLon[i]).append("},")
                    .append("\"to\":{\"address\":null,\"city\":\"B\",\"postalcode\":null,\"country\":\"France\",\"latitude\":")
                    .append(toLat[i]).append(",\"longitude\":").append(toLon[i]).append("},")
                    .append("\"distance\":50000,\"duration\":2700,\"route\":null,\"number_of_waypoints\":0,\"waypoints\":{},")
                    .append("\"cost\":{\"fixed\":null,\"variable\":0.06},\"details\":null,\"vehicle\":null,")
                    .append("\"frequency\":\"punctual\",\"type\":\"one-way\",\"real_time\":null,\"stopped\":null,")
                    .append("\"days\":{\"").append(dayName).append("\":1},\"outward\":{\"mindate\":\"").append(date)
                    .append("\",\"maxdate\":\"").append(date).append("\",\"").append(dayName).append("\":{\"mintime\":\"")
                    .append(min).append(":00\",\"maxtime\":\"").append(max).append(":00\"}},\"return\":null}}");
        }
        return out.append(']').toString();
    }

    private String standard(HttpServerRequest request) {
        if (!Secrets.constantTimeEquals(request.getHeader("X-API-Key"), secret)) {
            return null;
        }
        MultiMap q = request.params();
        double fLat = Double.parseDouble(q.get("departureLat"));
        double fLon = Double.parseDouble(q.get("departureLng"));
        double tLat = Double.parseDouble(q.get("arrivalLat"));
        double tLon = Double.parseDouble(q.get("arrivalLng"));
        long at = Long.parseLong(q.get("departureDate"));
        long delta = Long.parseLong(q.get("timeDelta"));
        int count = Integer.parseInt(q.get("count"));
        double fr = Double.parseDouble(q.get("departureRadius"));
        double tr = Double.parseDouble(q.get("arrivalRadius"));
        LocalDateTime from = LocalDateTime.ofInstant(Instant.ofEpochSecond(at - delta), zone);
        LocalDateTime to = LocalDateTime.ofInstant(Instant.ofEpochSecond(at + delta), zone);
        boolean oneDay = from.toLocalDate().equals(to.toLocalDate());
        int lo = oneDay ? from.toLocalTime().toSecondOfDay() / 60 : 0;
        int hi = oneDay ? to.toLocalTime().toSecondOfDay() / 60 : 24 * 60;
        boolean drivers = request.path().endsWith("/driver_journeys");
        StringBuilder out = new StringBuilder(8192).append('[');
        int n = 0;
        for (int i : matches(fLat, fLon, tLat, tLon, fr, tr, (int) from.toLocalDate().toEpochDay(),
                (int) to.toLocalDate().toEpochDay(), lo, hi, count)) {
            if (i < 0) {
                break;
            }
            long pickup = LocalDate.ofEpochDay(day[i]).atStartOfDay(zone).toEpochSecond() + minute[i] * 60L;
            String user = drivers ? "driver" : "passenger";
            out.append(n++ == 0 ? "" : ",").append("{\"id\":\"syn-").append(i)
                    .append("\",\"operator\":\"synthetic.example.org\",\"passengerPickupLat\":").append(fromLat[i])
                    .append(",\"passengerPickupLng\":").append(fromLon[i]).append(",\"passengerDropLat\":").append(toLat[i])
                    .append(",\"passengerDropLng\":").append(toLon[i])
                    .append(",\"duration\":2700,\"distance\":50000,\"passengerPickupDate\":").append(pickup)
                    .append(",\"type\":\"PLANNED\",\"availableSeats\":3,\"price\":{\"type\":\"PAYING\",\"amount\":3.0,\"currency\":\"EUR\"},\"")
                    .append(user).append("\":{\"id\":\"u").append(i).append("\",\"operator\":\"synthetic.example.org\",\"alias\":\"")
                    .append(user).append(' ').append(i).append("\"}}");
        }
        return out.append(']').toString();
    }

    /** Indexes of matching journeys, -1 terminated when fewer than {@code max}. */
    private int[] matches(double fLat, double fLon, double tLat, double tLon, double fr, double tr, int minDay,
            int maxDay, int lo, int hi, int max) {
        int[] found = new int[max + 1];
        java.util.Arrays.fill(found, -1);
        int n = 0;
        double dLat = fr / 111.0;
        double dLon = fr / (111.0 * Math.cos(Math.toRadians(fLat)));
        for (int la = (int) Math.floor((fLat - dLat) * 10); la <= (int) Math.floor((fLat + dLat) * 10) && n < max; la++) {
            for (int lo2 = (int) Math.floor((fLon - dLon) * 10); lo2 <= (int) Math.floor((fLon + dLon) * 10) && n < max; lo2++) {
                int[] ids = cells.get(la * 3600 + lo2);
                if (ids == null) {
                    continue;
                }
                for (int i : ids) {
                    if (day[i] < minDay || day[i] > maxDay || minute[i] + 15 < lo || minute[i] - 15 > hi
                            || km(fLat, fLon, fromLat[i], fromLon[i]) > fr || km(tLat, tLon, toLat[i], toLon[i]) > tr) {
                        continue;
                    }
                    found[n++] = i;
                    if (n >= max) {
                        break;
                    }
                }
            }
        }
        return java.util.Arrays.copyOf(found, Math.max(n + 1, 1));
    }

    private static int cell(double lat, double lon) {
        return (int) Math.floor(lat * 10) * 3600 + (int) Math.floor(lon * 10);
    }

    private static double km(double lat1, double lon1, double lat2, double lon2) {
        return GreatCircle.km(GreatCircle.MEAN_EARTH_KM, lat1, lon1, lat2, lon2);
    }

}
