package org.hotline.intake.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import org.hotline.common.category.ServiceCategory;
import org.hotline.intake.service.Categories;

/** JSON bodies may name a service by its code, its Chinese name or intake's former codes (POLICY, PRE_REVIEW). */
@Singleton
public class CategoryJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("service-categories")
                .addDeserializer(ServiceCategory.class, new JsonDeserializer<>() {
                    @Override
                    public ServiceCategory deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                        if (p.currentToken() != JsonToken.VALUE_STRING) {
                            return (ServiceCategory) ctxt.handleUnexpectedToken(ServiceCategory.class, p);
                        }
                        String text = p.getText();
                        return Categories.parse(text).orElseThrow(() -> InvalidFormatException.from(p,
                                "must be one of POLICY_ANSWER, DATA_LOOKUP, ONLINE_PRE_REVIEW, FEEDBACK, OPINION",
                                text, ServiceCategory.class));
                    }
                }));
    }
}
