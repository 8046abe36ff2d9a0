package dev.switchgear.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every route Spring MVC maps, as {@code "METHOD /path/{pattern}"} (a mapping without a method counts as GET). */
final class MappedRoutes {

    private MappedRoutes() {
    }

    static List<String> of(RequestMappingHandlerMapping mappings) {
        List<String> routes = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    routes.add(method.name() + " " + pattern);
                }
            }
        }
        return routes;
    }
}
