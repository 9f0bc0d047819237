package org.rdex.server.common;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.ser.LocalTimeSerializer;

import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** Times go out as {@code HH:mm}, the RDEX form; input still accepts seconds. */
@Singleton
public class JsonCustomizer implements ObjectMapperCustomizer {

    /** Last, so the JSR-310 module Quarkus registers does not replace this serializer. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule times = new SimpleModule("rdex-times");
        times.addSerializer(LocalTime.class, new LocalTimeSerializer(DateTimeFormatter.ofPattern("HH:mm")));
        mapper.registerModule(times);
    }
}
